/// Joins a theme's `scripts/*.js` into the one file pages load.
///
/// Each file is one concern (quick exit, outbox, progress, quizzes…), readable on its own; they share one
/// function scope, in file-name order, so a later file uses what an earlier one declares, and nothing is
/// left on `window`. One file means one request and one hashed name to cache for a year.
enum ScriptJoiner {
    static func join(_ scripts: [String: [UInt8]]) -> [UInt8] {
        var output = Array("// Hearth's script, joined by `hearth build` from the theme's scripts/ folder, one part per file.\n(function () {\n\"use strict\";\n".utf8)
        for (name, bytes) in scripts.sorted(by: { $0.key < $1.key }) {
            output += Array("\n// ---- scripts/\(name)\n".utf8)
            output += bytes
            if bytes.last != 0x0A { output.append(0x0A) }
        }
        output += Array("})();\n".utf8)
        return output
    }
}
