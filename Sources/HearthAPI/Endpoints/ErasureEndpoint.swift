import HearthHTTP
import HearthStore

/// `DELETE /participants/{id}`: erases everything held for a participant (the person's right to withdraw),
/// queued to the store's writer like any other write and answered once the erasure is on disk.
struct ErasureEndpoint: Sendable {
    let store: any EventStore

    func handle(participant: String) -> HTTPReply {
        let id = participant.lowercased()
        guard JSONBody.isUUID(id) else {
            return .now(APIError(.badRequest, code: "invalid_participant", message: "the participant id is the random UUID the browser made",
                                 field: "participant").response)
        }
        let store = self.store
        return .later { respond in
            store.erase(participant: id) { result in
                switch result {
                case .success(let erasure):
                    let body = "{\"erased\":\(erasure.total),\"events\":\(erasure.events),\"responses\":\(erasure.responses),\"consents\":\(erasure.consents)}\n"
                    respond(HTTPResponse(status: .ok, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                                         body: Array(body.utf8)))
                case .failure(let error):
                    respond(StoreReply.failure(error).response)
                }
            }
        }
    }
}
