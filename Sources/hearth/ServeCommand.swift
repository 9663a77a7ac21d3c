import CHearthLinux
import Foundation
import HearthAPI
import HearthHTTP
import HearthStore

/// `hearth serve`: builds the site when it is missing or older than the content, opens (or
/// creates) the database, and serves the site and the event API.
enum ServeCommand {
    static let usage = "usage: hearth serve [--content Content] [--theme Themes/default] [--site _site] [--db hearth.sqlite] [--host 127.0.0.1] [--port 8080]"

    static func run(_ arguments: [String]) -> Int32 {
        var content = "Content", theme = "Themes/default", site = "_site", database = "hearth.sqlite"
        var configuration = HTTPServer.Configuration()
        var index = 0
        while index < arguments.count {
            let flag = arguments[index]
            guard ["--content", "--theme", "--site", "--db", "--host", "--port"].contains(flag), index + 1 < arguments.count else {
                if flag == "-h" || flag == "--help" { print(usage); return 0 }
                return CommandError.usage("unknown option or missing value '\(flag)'.\n\(usage)").report(command: "serve")
            }
            let value = arguments[index + 1]
            switch flag {
            case "--content": content = value
            case "--theme": theme = value
            case "--site": site = value
            case "--db": database = value
            case "--host": configuration.host = value
            default:
                guard let port = Int(value), (0...65535).contains(port) else {
                    return CommandError.usage("'--port' takes a number from 0 to 65535.\n\(usage)").report(command: "serve")
                }
                configuration.port = port
            }
            index += 2
        }
        if needsBuild(site: site, sources: [content, theme]) {
            let status = BuildCommand.runBuild(["--content", content, "--theme", theme, "--out", site])
            guard status == 0 else { return status }
        }
        do {
            let files = try StaticSite(folder: site)
            let manifest = try ManifestIndex(contentsOf: site + "/manifest.json")
            let store = try SQLiteEventStore(path: database)
            let openAPI = FileManager.default.contents(atPath: "Docs/openapi.json").map { [UInt8]($0) }
            let router = APIRouter(manifest: manifest, store: store, site: files, openAPI: openAPI)
            // The access log: method, path without query, status, bytes, duration — nothing about the person,
            // and participant ids in paths replaced by a pattern.
            configuration.accessLog = STDOUT_FILENO
            configuration.loggedPath = APIRouter.loggedPath
            let server = HTTPServer(configuration: configuration, observe: { record in router.metrics.record(record) },
                                    handler: { request in router.reply(to: request) })
            try server.start()
            let shownHost = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
            // Line-buffered, so this banner reaches a pipe or file at once (the access log writes directly).
            hearth_line_buffer_stdout()
            print("serving \(site)/ and the API at http://\(shownHost):\(server.port)/ with \(database) (Ctrl-C to stop)")
            server.runUntilSignalled()
            store.close()
            print("stopped")
            return 0
        } catch {
            return CommandError(message: "\(error)", status: 1).report(command: "serve")
        }
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
