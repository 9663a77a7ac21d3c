import HearthJSON
import HearthResearch

/// The research figures as JSON. A suppressed figure is `null` with `"suppressed": true` beside it; a figure
/// that is undefined for the data (an SD of one value) is `null` alone. Counts in tables are objects,
/// `{"count": 12}` or `{"count": null, "suppressed": true}`, so the flag always sits with its figure.
enum ResearchJSON {
    static func count(_ figure: Disclosed<Int>) -> JSONValue {
        figure.isSuppressed ? .object(["count": .null, "suppressed": .bool(true)]) : .object(["count": number(figure.value)])
    }

    static func percent(_ figure: Disclosed<Double>) -> JSONValue {
        figure.isSuppressed ? .object(["percent": .null, "suppressed": .bool(true)]) : .object(["percent": number(figure.value)])
    }

    static func number(_ value: Int?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }
    static func number(_ value: Double?) -> JSONValue { value.map { $0.isFinite ? .number($0) : .null } ?? .null }

    /// A table: its row and column labels, its cells row by row, and its totals — all under one suppression.
    static func table(_ table: LabelledTable) -> JSONValue {
        .object([
            "rows": .array(table.rows.map(JSONValue.string)),
            "columns": .array(table.columns.map(JSONValue.string)),
            "cells": .array(table.table.cells.map { .array($0.map(count)) }),
            "row_totals": .array(table.table.rowTotals.map(count)),
            "column_totals": .array(table.table.columnTotals.map(count)),
            "total": count(table.table.grandTotal),
        ])
    }

    static func summary(_ summary: UsageSummary) -> JSONObject {
        [
            "threshold": .number(Double(summary.threshold)),
            "from": .string(summary.from),
            "to": .string(summary.to),
            "areas": .array(summary.areas.map(JSONValue.string)),
            "courses": .array(summary.courses.map { course in
                .object([
                    "course": .string(course.course),
                    "title": .string(course.title),
                    "courses_started": table(course.started),
                    "courses_completed": table(course.completed),
                    "modules_started": table(course.modulesStarted),
                    "modules_completed": table(course.modulesCompleted),
                    "completion_rate": percent(course.completionRate),
                    "quizzes": .array(course.quizzes.map { quiz in
                        .object(["quiz": .string(quiz.quiz), "completed": count(quiz.completed), "pass_rate": percent(quiz.passRate)])
                    }),
                ])
            }),
        ]
    }

    static func funnel(_ funnel: Funnel) -> JSONObject {
        func stages(_ list: [Funnel.Stage]) -> JSONValue {
            .array(list.map { stage in
                var object: JSONObject = ["stage": .string(stage.key), "label": .string(stage.label), "count": number(stage.count.value)]
                if stage.count.isSuppressed { object.members.append((key: "suppressed", value: .bool(true))) }
                return .object(object)
            })
        }
        return ["course": .string(funnel.course), "title": .string(funnel.title), "threshold": .number(Double(funnel.threshold)),
                "anonymous": stages(funnel.anonymous), "participants": stages(funnel.participants)]
    }

    /// The `outcomes` answer in the shape the issue gives.
    static func outcomes(_ answer: OutcomesAnswer) -> JSONObject {
        var root: JSONObject = [
            "course": .string(answer.course),
            "measure": .string(answer.measure),
            "threshold": .number(Double(answer.threshold)),
            "pairs_excluded_gap": number(answer.pairsExcludedGap.value),
        ]
        if answer.pairsExcludedGap.isSuppressed { root.members.append((key: "pairs_excluded_gap_suppressed", value: .bool(true))) }
        root.members.append((key: "scores", value: .array(answer.scores.map { score in
            func meanAndSD(_ figures: OutcomesAnswer.MeanAndSD) -> JSONValue {
                .object(["mean": number(figures.mean.value), "sd": number(figures.sd.value)])
            }
            let interval: JSONValue = score.change.ci95.value.map { .array([number($0.lower), number($0.upper)]) } ?? .null
            let reliable: JSONValue
            if let counts = score.reliable.value {
                var object: JSONObject = ["improved": number(counts.improved.value), "deteriorated": number(counts.deteriorated.value),
                                          "no_change": number(counts.noChange.value)]
                if counts.improved.isSuppressed || counts.deteriorated.isSuppressed || counts.noChange.isSuppressed {
                    object.members.append((key: "suppressed", value: .bool(true)))
                }
                reliable = .object(object)
            } else {
                reliable = .null
            }
            return .object([
                "score": .string(score.score.name),
                "better": .string(score.better.rawValue),
                "n": number(score.n.value),
                "before": meanAndSD(score.before),
                "after": meanAndSD(score.after),
                "change": .object(["mean": number(score.change.mean.value), "sd": number(score.change.sd.value), "ci95": interval]),
                "d_z": number(score.dZ.value),
                "d_av": number(score.dAv.value),
                "sd_source": score.sdSource.map { .string($0.rawValue) } ?? .null,
                "reliable": reliable,
                "suppressed": .bool(score.isSuppressed),
            ])
        })))
        return root
    }
}
