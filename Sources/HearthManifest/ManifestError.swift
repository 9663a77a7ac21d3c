/// Why a manifest was refused: the entry at fault by its JSON path (`courses[2].modules[0].id`), and what is wrong.
package struct ManifestError: Error, Equatable, CustomStringConvertible {
    /// The file read, when it came from one.
    package var file: String?
    /// The entry's JSON path; empty for the document as a whole.
    package var path: String
    /// What is wrong with it.
    package var message: String

    package init(file: String? = nil, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    /// "_site/manifest.json: courses[2].modules[0].id: …", leaving out what is not known.
    package var description: String {
        [file, path.isEmpty ? nil : path, message].compactMap { $0 }.joined(separator: ": ")
    }
}
