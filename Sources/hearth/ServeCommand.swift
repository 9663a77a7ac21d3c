import Foundation

/// `hearth serve`: until the site compiler and API land (issues 3 and 4), says what it will do.
enum ServeCommand {
    static func run(_ arguments: [String]) -> Int32 {
        print("""
        hearth serve will build Content/ into _site/ with the default theme, open hearth.sqlite,
        and serve the site and the /api/v1 endpoints on http://127.0.0.1:8080.
        Not built yet: this version has the Markdown engine only (try `hearth markdown --help`).
        """)
        return 0
    }
}
