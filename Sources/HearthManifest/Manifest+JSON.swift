import HearthJSON
import HearthText

extension Manifest {
    /// The manifest as `manifest.json` holds it: keys sorted, two spaces a level, ending with a line break,
    /// so the same site always writes the same bytes. Absent optional numbers are left out.
    package func json() -> [UInt8] {
        JSONWriter.bytes(of: jsonValue, keyOrder: .sorted, indentation: 2)
    }

    /// Reads `manifest.json`. Every entry must be one this format has, with the type it has, and the format
    /// version must be this code's: anything else is a `ManifestError` naming the entry by its JSON path.
    package init(json bytes: [UInt8]) throws {
        let root: JSONValue
        do {
            root = try JSONReader.read(bytes)
        } catch {
            throw ManifestError(path: "", message: "this is not JSON: \(error.message)")
        }
        let fields = try ManifestFields(root, at: "", keys: ["version", "site", "courses", "measures"])
        let version = try fields.int("version")
        guard version == Self.formatVersion else {
            throw ManifestError(path: "version", message: "the manifest's format is version \(version), but this hearth reads version \(Self.formatVersion); build the site again with this hearth")
        }
        site = try fields.object("site") { site in
            try site.allow(["title", "language", "consentVersion", "areas", "apiBase"])
            return Site(title: try site.string("title"), language: try site.string("language"),
                        consentVersion: try site.string("consentVersion"), areas: try site.strings("areas"), apiBase: try site.string("apiBase"))
        }
        courses = try fields.objects("courses") { course in
            try course.allow(["id", "title", "audience", "passMark", "certificate", "measuresBefore", "measuresAfter",
                              "afterDays", "followUpDays", "retakeAfterDays", "modules"])
            return Course(id: try course.string("id"), title: try course.string("title"), audience: try course.string("audience"),
                          passMark: try course.optionalInt("passMark"), certificate: try course.bool("certificate"),
                          measuresBefore: try course.strings("measuresBefore"), measuresAfter: try course.strings("measuresAfter"),
                          afterDays: try course.int("afterDays"), followUpDays: try course.optionalInt("followUpDays"),
                          retakeAfterDays: try course.optionalInt("retakeAfterDays"),
                          modules: try course.objects("modules") { module in
                              try module.allow(["id", "title", "pages", "quizzes"])
                              return Module(id: try module.string("id"), title: try module.string("title"), pages: try module.int("pages"),
                                            quizzes: try module.objects("quizzes", Self.quiz))
                          })
        }
        measures = try fields.objects("measures") { measure in
            try measure.allow(["id", "title", "scoring", "missingAllowed", "scale", "items", "subscales"])
            return Measure(id: try measure.string("id"), title: try measure.string("title"), scoring: try measure.string("scoring"),
                           missingAllowed: try measure.int("missingAllowed"), scale: try measure.object("scale", Self.scale),
                           items: try measure.objects("items") { item in
                               try item.allow(["id", "reversed", "scale"])
                               return Item(id: try item.string("id"), reversed: try item.bool("reversed"), scale: try item.object("scale", Self.scale))
                           },
                           subscales: try measure.objects("subscales") { subscale in
                               try subscale.allow(["id", "items"])
                               return Subscale(id: try subscale.string("id"), items: try subscale.strings("items"))
                           })
        }
    }

    /// Reads the manifest file at `path`; its errors name the file as well as the entry.
    package init(contentsOf path: String) throws {
        guard let bytes = FileBytes.read(path) else {
            throw ManifestError(file: path, path: "", message: "there is no readable manifest here; build the site first")
        }
        do {
            try self.init(json: bytes)
        } catch var error as ManifestError {
            error.file = path
            throw error
        }
    }

    private static func quiz(_ quiz: ManifestFields) throws -> Quiz {
        try quiz.allow(["id", "assessed", "passMark", "attempts", "draw", "questions", "correctCounts"])
        return Quiz(id: try quiz.string("id"), assessed: try quiz.bool("assessed"), passMark: try quiz.optionalInt("passMark"),
                    attempts: try quiz.optionalInt("attempts"), draw: try quiz.optionalInt("draw"),
                    questions: try quiz.int("questions"), correctCounts: try quiz.ints("correctCounts"))
    }

    private static func scale(_ scale: ManifestFields) throws -> Scale {
        try scale.allow(["min", "max", "values"])
        return Scale(min: try scale.int("min"), max: try scale.int("max"), values: try scale.ints("values"))
    }

    /// The members in the order the types declare them; the writer sorts them.
    private var jsonValue: JSONValue {
        func object(_ members: [(String, JSONValue?)]) -> JSONValue {
            .object(JSONObject(members.compactMap { key, value in value.map { (key: key, value: $0) } }))
        }
        func number(_ value: Int?) -> JSONValue? { value.map { .number(Double($0)) } }
        func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        func numbers(_ values: [Int]) -> JSONValue { .array(values.map { .number(Double($0)) }) }
        func scale(_ scale: Scale) -> JSONValue {
            object([("min", number(scale.min)), ("max", number(scale.max)), ("values", numbers(scale.values))])
        }
        return object([
            ("version", number(Self.formatVersion)),
            ("site", object([("title", .string(site.title)), ("language", .string(site.language)),
                             ("consentVersion", .string(site.consentVersion)), ("areas", strings(site.areas)),
                             ("apiBase", .string(site.apiBase))])),
            ("courses", .array(courses.map { course in
                object([("id", .string(course.id)), ("title", .string(course.title)), ("audience", .string(course.audience)),
                        ("passMark", number(course.passMark)), ("certificate", .bool(course.certificate)),
                        ("measuresBefore", strings(course.measuresBefore)), ("measuresAfter", strings(course.measuresAfter)),
                        ("afterDays", number(course.afterDays)), ("followUpDays", number(course.followUpDays)),
                        ("retakeAfterDays", number(course.retakeAfterDays)),
                        ("modules", .array(course.modules.map { module in
                            object([("id", .string(module.id)), ("title", .string(module.title)), ("pages", number(module.pages)),
                                    ("quizzes", .array(module.quizzes.map { quiz in
                                        object([("id", .string(quiz.id)), ("assessed", .bool(quiz.assessed)), ("passMark", number(quiz.passMark)),
                                                ("attempts", number(quiz.attempts)), ("draw", number(quiz.draw)),
                                                ("questions", number(quiz.questions)), ("correctCounts", numbers(quiz.correctCounts))])
                                    }))])
                        }))])
            })),
            ("measures", .array(measures.map { measure in
                object([("id", .string(measure.id)), ("title", .string(measure.title)), ("scoring", .string(measure.scoring)),
                        ("missingAllowed", number(measure.missingAllowed)), ("scale", scale(measure.scale)),
                        ("items", .array(measure.items.map { item in
                            object([("id", .string(item.id)), ("reversed", .bool(item.reversed)), ("scale", scale(item.scale))])
                        })),
                        ("subscales", .array(measure.subscales.map { subscale in
                            object([("id", .string(subscale.id)), ("items", strings(subscale.items))])
                        }))])
            })),
        ])
    }
}
