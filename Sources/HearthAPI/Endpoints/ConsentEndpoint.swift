import HearthHTTP
import HearthStore

/// `POST /api/v1/consent`: records that a participant agreed to the current research-consent wording.
struct ConsentEndpoint: Sendable {
    let manifest: ManifestIndex
    let store: any EventStore

    func handle(_ request: HTTPRequest) -> HTTPReply {
        let store = self.store
        return .afterStoring(status: .ok, { try parse(request) }, write: { consent, done in
            store.recordConsent(participant: consent.participant, version: consent.version, completion: done)
        })
    }

    private func parse(_ request: HTTPRequest) throws -> (participant: String, version: String) {
        let body = try JSONBody(request)
        try body.allow(["participant", "version"], what: "a consent")
        let participant = try body.uuid("participant", required: true)!
        let version = try body.text("version", required: true)!
        guard version == manifest.consentVersion else {
            throw APIError(.unprocessable, code: "stale_consent",
                          message: "consent must be to the current wording (version \(manifest.consentVersion)); show it again and ask", field: "version")
        }
        return (participant, version)
    }
}
