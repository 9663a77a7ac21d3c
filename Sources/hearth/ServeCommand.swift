import Foundation

/// `hearth serve`: builds the site when it is missing or older than the content, then (once issue 4
/// lands) serves it with the API. Until then it says plainly that the server is not built yet.
enum ServeCommand {
    static let usage = "usage: hearth serve [--content Content] [--theme Themes/default] [--site _site]"

    static func run(_ arguments: [String]) -> Int32 {
        var content = "Content", theme = "Themes/default", site = "_site"
        var index = 0
        while index < arguments.count {
            let flag = arguments[index]
            guard ["--content", "--theme", "--site"].contains(flag), index + 1 < arguments.count else {
                if flag == "-h" || flag == "--help" { print(usage); return 0 }
                return CommandError.usage("unknown option or missing value '\(flag)'.\n\(usage)").report(command: "serve")
            }
            switch flag {
            case "--content": content = arguments[index + 1]
            case "--theme": theme = arguments[index + 1]
            default: site = arguments[index + 1]
            }
            index += 2
        }
        if needsBuild(site: site, sources: [content, theme]) {
            let status = BuildCommand.runBuild(["--content", content, "--theme", theme, "--out", site])
            guard status == 0 else { return status }
        } else {
            print("\(site)/ is up to date with \(content)/ and \(theme)/")
        }
        print("""
        The site is in \(site)/: open \(site)/index.html in a browser to read it.
        The HTTP server and the event API are not built yet (issue 4), so nothing is served on a port.
        """)
        return 0
    }

    /// True when the site has no home page or any source file is newer than it.
    static func needsBuild(site: String, sources: [String]) -> Bool {
        let fm = FileManager.default
        guard let built = (try? fm.attributesOfItem(atPath: site + "/index.html"))?[.modificationDate] as? Date else { return true }
        for folder in sources {
            guard let enumerator = fm.enumerator(atPath: folder) else { continue }
            while let item = enumerator.nextObject() as? String {
                if let modified = (try? fm.attributesOfItem(atPath: folder + "/" + item))?[.modificationDate] as? Date, modified > built {
                    return true
                }
            }
        }
        return false
    }
}
