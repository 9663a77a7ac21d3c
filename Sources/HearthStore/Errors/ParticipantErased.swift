/// Consent was sent for a participant id whose data was erased: an erasure sticks, so the id is never
/// linked to anything again and the browser must make a new one.
package struct ParticipantErased: Error, Sendable {
    package init() {}
}
