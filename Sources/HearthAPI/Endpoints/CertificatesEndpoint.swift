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

    func issue(_ request: HTTPRequest) -> HTTPReply {
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
        var generator = SystemRandomNumberGenerator()
        let code = CertificateCode.random(using: &generator)
        let store = self.store
        return .later { respond in
            store.issueCertificate(learner: learner, course: course.id, code: code.characters, check: { attempts in
                let standing = course.standing(of: attempts)
                guard standing.passed else {
                    let still = standing.remaining.isEmpty
                        ? "the mean of your best scores is \(standing.meanBest)%, under the course's \(course.passMark ?? 0)%"
                        : "still to pass: \(standing.remaining.joined(separator: ", "))"
                    throw APIError(.conflict, code: "not_passed", message: "the course is not passed yet; \(still)", field: "course")
                }
            }) { result in
                switch result {
                case .success(let record):
                    let day = CalendarDay(daysSince1970: record.issuedDay)
                    respond(JSONAnswer.response(.created, [
                        "code": .string(code.printed),
                        "course": .string(course.id),
                        "title": .string(course.title),
                        "issued": .string(day.iso),
                        "issuedWritten": .string(day.written),
                    ]))
                case .failure(let error):
                    respond(AttemptsEndpoint.refusal(error))
                }
            }
        }
    }

    func verify(_ typed: String, _ request: HTTPRequest) -> HTTPReply {
        if let wait = lookups.admit(request.client) {
            return .now(APIError(.tooManyRequests, code: "too_many_requests", message: "too many lookups from here; try again in a minute",
                                 headers: [("Retry-After", String(wait))]).response)
        }
        guard let code = CertificateCode(typed: typed.removingPercentEncodingOrSelf) else {
            return .now(APIError(.badRequest, code: "invalid_code", message: "a certificate code is ten letters and digits, like 7KQ2M-PX9RD",
                                 field: "code").response)
        }
        let book = self.book
        let store = self.store
        return .later { respond in
            store.certificate(code: code.characters) { result in
                switch result {
                case .success(nil):
                    respond(APIError(.notFound, code: "not_found", message: "We can't find that code").response)
                case .success(let record?):
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
                    respond(JSONAnswer.response(.ok, members))
                case .failure(let error):
                    respond(StoreReply.failure(error).response)
                }
            }
        }
    }
}

extension String {
    /// `%2D` and the like decoded, for a code typed into an address; the text itself when it is not valid.
    var removingPercentEncodingOrSelf: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next(), let low = iterator.next(),
                  let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return self }
            bytes.append(value)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
