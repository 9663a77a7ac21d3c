import HearthHTTP
import HearthJSON
import HearthStore

/// `POST /certificates` issues a code to a learner who has passed a course with a certificate, checked against
/// the passes the server recorded; `GET /certificates/{code}` lets a manager verify it. Nothing on the server says
/// who holds a code: it keeps a hash of it, the course and the day.
struct CertificatesEndpoint: Sendable {
    let book: AssessmentBook
    let store: any EventStore
    let clock: @Sendable () -> Double
    /// Lookups per client, so codes cannot be enumerated (20 a minute).
    let lookups: ClientRateLimiter
    /// How forms (and the verify page's query) are answered; nil answers JSON only.
    var pages: ServerPages? = nil

    func issue(_ request: HTTPRequest) -> HTTPReply {
        if let pages, FormBody.isForm(request) { return issueForm(request, pages: pages) }
        let learner: String
        let course: AssessedCourse
        do {
            let body = try JSONBody(request)
            try body.allow(["learner", "course"], what: "a certificate request")
            learner = try body.uuid("learner", required: true)!
            let id = try body.text("course", required: true)!
            guard let known = book.courses[id], known.certificate else {
                throw APIError(.unprocessable, code: "no_certificate", message: "the course '\(id)' gives no certificate", field: "course")
            }
            course = known
        } catch {
            return .now(AttemptsEndpoint.refusal(error))
        }
        return .later { respond in
            record(learner: learner, course: course) { result in
                switch result {
                case .success(let (code, day)):
                    respond(JSONAnswer.response(.created, [
                        "code": .string(code.printed),
                        "course": .string(course.id),
                        "title": .string(course.title),
                        "issued": .string(day.iso),
                        "issuedWritten": .string(day.written),
                    ]))
                case .failure(let error):
                    respond(Self.refusal(error).response)
                }
            }
        }
    }

    /// Issues a new code once the learner's recorded attempts pass the course (or refuses with `CourseNotPassed`).
    private func record(learner: String, course: AssessedCourse, completion: @escaping StoreCompletion<(CertificateCode, CalendarDay)>) {
        var generator = SystemRandomNumberGenerator()
        let code = CertificateCode.random(using: &generator)
        store.issueCertificate(learner: learner, course: course.id, code: code.characters, check: { attempts in
            let standing = course.standing(of: attempts)
            guard standing.passed else { throw CourseNotPassed(course: course, standing: standing) }
        }) { result in
            completion(result.map { (code, CalendarDay(daysSince1970: $0.issuedDay)) })
        }
    }

    /// A refusal in the API's terms.
    private static func refusal(_ error: Error) -> APIError {
        (error as? CourseNotPassed)?.apiError ?? AttemptsEndpoint.apiError(error)
    }

    /// The certificate without JavaScript: the result page's form (learner and course in hidden fields) gets a page
    /// with the code and a line to write the name on, which never reaches the server.
    private func issueForm(_ request: HTTPRequest, pages: ServerPages) -> HTTPReply {
        let learner: String
        let course: AssessedCourse
        do {
            let form = try FormBody(request)
            try form.allow({ $0 == "learner" || $0 == "course" }, what: "a certificate request")
            guard let sent = try form.learner() else {
                throw APIError(.badRequest, code: "missing_field", message: "'learner' is required: the quiz's result page carries it", field: "learner")
            }
            learner = sent
            let id = form.value("course") ?? ""
            guard let known = book.courses[id], known.certificate else {
                throw APIError(.unprocessable, code: "no_certificate", message: "the course '\(JSONBody.prefix(id, bytes: 100))' gives no certificate",
                               field: "course")
            }
            course = known
        } catch {
            return .now(pages.problem(Self.refusal(error)))
        }
        let address = pages.verifyAddress(request.header("host"))
        return .later { respond in
            record(learner: learner, course: course) { result in
                switch result {
                case .success(let (code, day)):
                    respond(pages.response(.created, ServerPage(template: "served-certificate", course: course.id, values: [
                        "code": .string(code.printed),
                        "courseTitle": .string(course.title),
                        "issued": .string(day.iso),
                        "issuedWritten": .string(day.written),
                        "verifyAddress": .string(address),
                    ])))
                case .failure(let error):
                    var values: JSONObject = ["learner": .string(learner)]
                    if let short = error as? CourseNotPassed {
                        values.members.append((key: "remaining", value: .array(short.standing.remaining.map(JSONValue.string))))
                    }
                    respond(pages.problem(Self.refusal(error), course: course.id, values: values))
                }
            }
        }
    }

    /// What a lookup found, for the JSON answer and for the page alike.
    private enum Lookup {
        case tooMany(retryAfter: Int)
        case invalid
        case notFound
        case found(CertificateCode, CertificateRecord)
        case failed(Error)
    }

    /// Looks a typed code up, counting the lookup against the client's limit first, so codes cannot be enumerated
    /// through either door.
    private func lookUp(_ typed: String, from client: ClientAddress, answer: @escaping @Sendable (Lookup) -> HTTPResponse) -> HTTPReply {
        if let wait = lookups.admit(client) { return .now(answer(.tooMany(retryAfter: wait))) }
        guard let code = CertificateCode(typed: typed) else { return .now(answer(.invalid)) }
        let store = self.store
        return .later { respond in
            store.certificate(code: code.characters) { result in
                switch result {
                case .success(nil): respond(answer(.notFound))
                case .success(let record?): respond(answer(.found(code, record)))
                case .failure(let error): respond(answer(.failed(error)))
                }
            }
        }
    }

    /// `GET /verify?code=…`: the verify page's form without JavaScript, answered with a page that says what the
    /// JSON lookup says, under the same limit per client.
    func verifyPage(_ request: HTTPRequest) -> HTTPReply {
        guard let pages else { return .now(APIError(.notFound, code: "not_found", message: "this server draws no pages").response) }
        let typed = (try? FormBody(bytes: Array(request.query.utf8)))?.value("code") ?? ""
        @Sendable func page(_ status: HTTPStatus, _ outcome: String, _ values: JSONObject = [:]) -> HTTPResponse {
            // The outcome by name, and as a flag (`isValid`, `isNotFound`, …) for templates, which cannot compare strings.
            var members = values
            members.members.insert(contentsOf: [(key: "code", value: .string(JSONBody.prefix(typed, bytes: 40))), (key: "outcome", value: .string(outcome)),
                                                (key: ServerPages.flag(outcome), value: .bool(true))], at: 0)
            return pages.response(status, ServerPage(template: "served-verification", values: members))
        }
        guard !typed.isEmpty else { return .now(page(.ok, "none")) }
        let book = self.book
        return lookUp(typed, from: request.client) { found in
            switch found {
            case .tooMany(let wait):
                var answer = page(.tooManyRequests, "too-many")
                answer.headers.append(("Retry-After", String(wait)))
                return answer
            case .invalid:
                return page(.badRequest, "invalid")
            case .notFound:
                return page(.notFound, "not-found")
            case .found(_, let record):
                var values: JSONObject = [
                    "courseTitle": .string(book.courses[record.course]?.title ?? record.course),
                    "issuedWritten": .string(CalendarDay(daysSince1970: record.issuedDay).written),
                ]
                if let withdrawn = record.withdrawnDay {
                    values.members.append((key: "withdrawnWritten", value: .string(CalendarDay(daysSince1970: withdrawn).written)))
                }
                return page(.ok, record.withdrawnDay == nil ? "valid" : "withdrawn", values)
            case .failed(let error):
                return pages.problem(StoreReply.failure(error))
            }
        }
    }

    func verify(_ typed: String, _ request: HTTPRequest) -> HTTPReply {
        let book = self.book
        return lookUp((try? FormBody.percentDecoded(typed)) ?? typed, from: request.client) { found in
            switch found {
            case .tooMany(let wait):
                return APIError(.tooManyRequests, code: "too_many_requests", message: "too many lookups from here; try again in a minute",
                                headers: [("Retry-After", String(wait))]).response
            case .invalid:
                return APIError(.badRequest, code: "invalid_code", message: "a certificate code is ten letters and digits, like 7KQ2M-PX9RD",
                                field: "code").response
            case .notFound:
                return APIError(.notFound, code: "not_found", message: "We can't find that code").response
            case .found(let code, let record):
                let issued = CalendarDay(daysSince1970: record.issuedDay)
                var members: JSONObject = [
                    "status": .string(record.withdrawnDay == nil ? "valid" : "withdrawn"),
                    "code": .string(code.printed),
                    "course": .string(record.course),
                    "title": .string(book.courses[record.course]?.title ?? record.course),
                    "issued": .string(issued.iso),
                    "issuedWritten": .string(issued.written),
                ]
                if let withdrawn = record.withdrawnDay {
                    members.members.append((key: "withdrawn", value: .string(CalendarDay(daysSince1970: withdrawn).iso)))
                }
                return JSONAnswer.response(.ok, members)
            case .failed(let error):
                return StoreReply.failure(error).response
            }
        }
    }
}

/// The learner's recorded attempts do not pass the course yet.
struct CourseNotPassed: Error {
    var course: AssessedCourse
    var standing: CourseStanding

    var apiError: APIError {
        let still = standing.remaining.isEmpty
            ? "the mean of your best scores is \(standing.meanBest)%, under the course's \(course.passMark ?? 0)%"
            : "still to pass: \(standing.remaining.joined(separator: ", "))"
        return APIError(.conflict, code: "not_passed", message: "the course is not passed yet; \(still)", field: "course")
    }
}
