extension StringProtocol where SubSequence == Substring {
    /// Without the spaces and tabs HTTP allows around list elements and parameters ("OWS", RFC 9110 §5.6.3);
    /// on bytes, since it runs for headers of every request.
    var trimmingOptionalWhitespace: Substring {
        let utf8 = self[...].utf8
        guard let first = utf8.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
              let last = utf8.lastIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return self[endIndex...] }
        return Substring(utf8[first...last])
    }
}
