import HearthContent
import HearthTemplates
import HearthText

/// Questionnaire pages: a measure on its own (a private self-check) and a course's measure on one occasion.
extension PageContexts {
    /// A questionnaire opened on its own: the person sees their score and any signposts; nothing is sent.
    func measure(_ measure: Measure) -> [String: TemplateValue] {
        let path = SiteRoutes.measure(measure.id)
        var context = common(path: path, title: measure.title, description: measure.instructions, language: measure.language,
                             quickExit: true, kind: "measure", breadcrumbs: [(site.settings.title, SiteRoutes.home)])
        context.merge(measureValues(measure), uniquingKeysWith: { _, new in new })
        return context
    }

    /// One of a course's questionnaires on one occasion. The occasion is the page's: the person never picks it.
    /// "Skip this" (and, once answered, "Next") leads to the occasion's next questionnaire, then on into the
    /// course: module 1 after the before questions, the course's end page after the others.
    func courseMeasure(course: Course, occasion: MeasureOccasion, measureID: String) -> [String: TemplateValue] {
        let path = SiteRoutes.courseMeasure(course: course.id, occasion: occasion, measure: measureID)
        let measure = site.measures.first { $0.id == measureID }!
        var context = common(path: path, title: measure.title, description: measure.instructions, language: course.language,
                             quickExit: course.quickExit, kind: "course-measure",
                             breadcrumbs: [(site.settings.title, SiteRoutes.home), (course.title, SiteRoutes.course(course.id))])
        context.merge(measureValues(measure), uniquingKeysWith: { _, new in new })
        context["course"] = courseValue(course, from: path)
        let ids = course.measures(on: occasion)
        let position = ids.firstIndex(of: measureID) ?? 0
        let next: (path: String, title: String)
        if position + 1 < ids.count, let following = site.measures.first(where: { $0.id == ids[position + 1] }) {
            next = (SiteRoutes.courseMeasure(course: course.id, occasion: occasion, measure: following.id), following.title)
        } else if occasion == .before, let first = course.modules.first {
            next = (SiteRoutes.modulePage(course: course.id, module: first.id, page: 1), first.title)
        } else {
            next = (SiteRoutes.courseEnd(course.id), course.title)
        }
        context["next"] = .object(["url": .string(SiteRoutes.relative(next.path, from: path)), "title": .string(next.title)])
        context["occasion"] = .object([
            "id": .string(occasion.rawValue),
            "isBefore": .bool(occasion == .before),
            "isAfter": .bool(occasion == .after),
            "isFollowUp": .bool(occasion == .followUp),
            "number": .int(position + 1),
            "count": .int(ids.count),
        ])
        context["research"] = researchValue(course, from: path)
        return context
    }

    /// What both questionnaire pages show: the items with their scales, the signposts, and how to total a score.
    private func measureValues(_ measure: Measure) -> [String: TemplateValue] {
        var values: [String: TemplateValue] = [:]
        var total: TemplateValue = .null
        if measure.scoring != .items {
            // The total's range and bands, for the self-check's "your score" line.
            let low = measure.items.reduce(0) { $0 + ($1.scale ?? measure.scale).minimum }
            let high = measure.items.reduce(0) { $0 + ($1.scale ?? measure.scale).maximum }
            total = .object([
                "min": measure.scoring == .mean ? .int(measure.scale.minimum) : .int(low),
                "max": measure.scoring == .mean ? .int(measure.scale.maximum) : .int(high),
                "bands": .array(measure.bands.filter { $0.scope == nil }.map { band in
                    .object(["min": .double(band.minimum), "max": .double(band.maximum), "label": .string(band.label)])
                }),
            ])
        }
        values["measure"] = .object([
            "id": .string(measure.id),
            "title": .string(measure.title),
            "instructions": .string(measure.instructions),
            "scoring": .string(measure.scoring.rawValue),
            "itemCount": .int(measure.items.count),
            "licence": .string(measure.licence),
            "source": .string(measure.source),
            "reversed": .string(measure.items.filter(\.reversed).map(\.id).joined(separator: " ")),
            "total": total,
        ])
        values["items"] = .array(measure.items.enumerated().map { index, item in
            let scale = item.scale ?? measure.scale
            return .object([
                "id": .string(item.id),
                "name": .string("\(measure.id)-\(item.id)"),
                "number": .int(index + 1),
                "html": .string(HTMLEscaping.escaped(item.text)),
                "points": .array(scale.points.map { point in
                    .object(["value": .int(point.value), "label": .string(point.label), "id": .string("\(measure.id)-\(item.id)-\(point.value)")])
                }),
            ])
        })
        // Signposts carry the items they score, so the script can show the right message without a server.
        values["signposts"] = .array(measure.signposts.map { signpost in
            let items: [MeasureItem]
            if let scope = signpost.scope {
                let subscale = measure.subscales.first { $0.id == scope }
                items = measure.items.filter { subscale?.itemIDs.contains($0.id) ?? ($0.id == scope) }
            } else {
                items = measure.items
            }
            return .object([
                "items": .string(items.map(\.id).joined(separator: " ")),
                "reversed": .string(items.filter(\.reversed).map(\.id).joined(separator: " ")),
                "min": signpost.minimum.map { .double($0) } ?? .null,
                "max": signpost.maximum.map { .double($0) } ?? .null,
                "scoring": .string(measure.scoring == .mean ? "mean" : "sum"),
                "message": .string(signpost.message),
            ])
        })
        values["scale"] = .object(["min": .int(measure.scale.minimum), "max": .int(measure.scale.maximum)])
        return values
    }
}
