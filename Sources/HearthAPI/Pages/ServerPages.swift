import HearthHTTP
import HearthJSON

/// The HTML pages the API answers forms with (a quiz taken without JavaScript, its certificate, a code checked), in
/// the site's own look. HearthAPI says what a page shows; `hearth serve` injects how it is drawn, from the theme,
/// so HearthAPI never imports the site builder.
package struct ServerPages: Sendable {
    /// The whole HTML document for `page`, inside the theme's layout; nil when the theme cannot draw it.
    package var render: @Sendable (ServerPage) -> [UInt8]?
    /// The address printed on a certificate for checking it (`host` is the request's `Host`, for a site that names
    /// no base URL of its own).
    package var verifyAddress: @Sendable (_ host: String?) -> String

    package init(render: @escaping @Sendable (ServerPage) -> [UInt8]?, verifyAddress: @escaping @Sendable (_ host: String?) -> String) {
        self.render = render
        self.verifyAddress = verifyAddress
    }

    /// `page` as a response with `status`, never cached (it carries a learner id); a plain-text line if the theme fails.
    func response(_ status: HTTPStatus, _ page: ServerPage) -> HTTPResponse {
        guard let html = render(page) else {
            return HTTPResponse(status: .internalError, headers: [("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "no-store")],
                                body: Array("The site's theme could not draw this page (template '\(page.template)').\n".utf8))
        }
        return HTTPResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")], body: html)
    }

    /// A name as a template's flag, since templates cannot compare strings: `attempts_used` or `not-found` → `isAttemptsUsed`, `isNotFound`.
    static func flag(_ name: String) -> String {
        "is" + name.split(whereSeparator: { $0 == "_" || $0 == "-" }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A refusal as a page: what went wrong in the API's words, with its status and headers (such as `Retry-After`).
    func problem(_ error: APIError, course: String? = nil, quiz: String? = nil, values: JSONObject = [:]) -> HTTPResponse {
        var members = values
        members.members.insert((key: "problem", value: .object(["code": .string(error.code), "message": .string(error.message),
                                                                 "status": .number(Double(error.status.code)), Self.flag(error.code): .bool(true)])),
                               at: 0)
        var answer = response(error.status, ServerPage(template: "served-problem", course: course, quiz: quiz, values: members))
        answer.headers += error.headers.filter { $0.name == "Retry-After" }
        return answer
    }
}

/// One page the server draws: the theme's template, the course and quiz it belongs to (for the layout's quick exit,
/// links and the questions' words), and the values the template shows.
package struct ServerPage: Sendable, Equatable {
    /// The template's name, such as `served-result`.
    package var template: String
    package var course: String?
    package var quiz: String?
    /// What the template shows. A `questions` list of objects with an `id` gets each question's words added.
    package var values: JSONObject

    package init(template: String, course: String? = nil, quiz: String? = nil, values: JSONObject) {
        self.template = template
        self.course = course
        self.quiz = quiz
        self.values = values
    }
}
