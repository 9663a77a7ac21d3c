import CHearthLinux
import Foundation
import HearthAPI
import HearthContent
import HearthHTTP
import HearthResearch
import HearthSite
import HearthStore

/// `hearth serve`: builds the site when it is missing or older than the content, opens (or
/// creates) the database, and serves the site and the API.
enum ServeCommand {
    static let usage = """
        usage: hearth serve [--content Content] [--theme Themes/default] [--site _site] [--db hearth.sqlite]
                            [--host 127.0.0.1] [--port 8080] [--metrics-listen HOST:PORT | --no-metrics]
                            [--research-threshold 10]
        """

    /// What the command line asked for.
    private struct Options {
        var content = "Content", theme = "Themes/default", site = "_site", database = "hearth.sqlite"
        var host = "127.0.0.1", port = 8080
        /// nil: `/metrics` on the main address; `.some(nil)`: nowhere; `.some(address)`: only there.
        var metricsAddress: (host: String, port: Int)??
        /// The smallest count a researcher sees (never below 5).
        var researchThreshold = DisclosureThreshold.standard
    }

    static func run(_ arguments: [String]) -> Int32 {
        let options: Options
        do {
            options = try parse(arguments)
        } catch let error as CommandError {
            return error.report(command: "serve")
        } catch {
            return 1
        }
        if arguments.contains("-h") || arguments.contains("--help") { print(usage); return 0 }
        if let problem = databaseInsideSite(database: options.database, site: options.site) {
            return CommandError.usage(problem).report(command: "serve")
        }
        if needsBuild(site: options.site, sources: [options.content, options.theme]) {
            let status = BuildCommand.runBuild(["--content", options.content, "--theme", options.theme, "--out", options.site])
            guard status == 0 else { return status }
        }
        do {
            let files = try StaticSite(folder: options.site)
            let manifest = try ManifestIndex(contentsOf: options.site + "/manifest.json")
            // The keys of assessed quizzes stay on the server: read from the content, never from the built site.
            let (content, diagnostics) = ContentLoader.load(folder: options.content)
            if let error = diagnostics.all.first(where: { $0.severity == .error }) {
                return CommandError(message: "the content has errors, so assessed quizzes cannot be scored; run hearth check (first: \(error))",
                                    status: 1).report(command: "serve")
            }
            // Forms sent without JavaScript (an assessed quiz, a certificate, a code checked) are answered with pages in the
            // site's theme, drawn here from the content and theme the site is built from.
            let fallback = URL(fileURLWithPath: options.theme).deletingLastPathComponent().appendingPathComponent("default").path
            let theme = try Theme.load(options.theme, fallback: FileManager.default.fileExists(atPath: fallback) ? fallback : nil)
            let pages = ServerPages(try ServedPages(site: content, theme: theme))
            let store = try SQLiteEventStore(path: options.database)
            let openAPI = FileManager.default.contents(atPath: "Docs/openapi.json").map { [UInt8]($0) }
            // The access log: method, path without query, status, bytes, duration — nothing about the person,
            // and ids in paths replaced by their route's pattern. One thread writes it, so a slow reader of
            // standard output never holds up a request.
            let accessLog = AccessLog(descriptor: STDOUT_FILENO)
            let router = APIRouter(manifest: manifest, store: store, site: files, openAPI: openAPI, apiBase: manifest.apiBase,
                                   assessments: AssessmentBook(content), pages: pages, research: ResearchCatalog(content),
                                   researchThreshold: options.researchThreshold, metrics: options.metricsAddress == nil ? .here : .elsewhere, accessLog: accessLog)
            var configuration = HTTPServer.Configuration()
            configuration.host = options.host
            configuration.port = options.port
            configuration.accessLog = accessLog
            configuration.loggedPath = { [routes = router.routes] in routes.loggedPath($0) }
            configuration.protocolErrorResponse = APIRouter.protocolErrorResponse
            let server = HTTPServer(configuration: configuration, observe: { record in router.metrics.record(record) },
                                    handler: { request in router.reply(to: request) })
            try server.start()
            var metricsServer: HTTPServer?
            if case .some(.some(let address)) = options.metricsAddress {
                var metricsConfiguration = HTTPServer.Configuration()
                metricsConfiguration.host = address.host
                metricsConfiguration.port = address.port
                metricsConfiguration.threads = 1
                let metrics = HTTPServer(configuration: metricsConfiguration) { request in
                    guard request.path == "/metrics", request.method == "GET" || request.method == "HEAD" else {
                        return .now(HTTPResponse(status: .notFound, headers: [("Content-Type", "text/plain; charset=utf-8")],
                                                 body: Array("only /metrics is served here\n".utf8)))
                    }
                    return .now(router.metricsResponse())
                }
                try metrics.start()
                metricsServer = metrics
            }
            // Line-buffered, so these lines reach a pipe or file at once.
            hearth_line_buffer_stdout()
            print("serving \(options.site)/ and the API at http://\(shown(options.host)):\(server.port)/ with \(options.database) (Ctrl-C to stop)")
            print("connections: up to \(server.connectionsPerThread) per thread on \(configuration.threads) threads (open-file limit \(server.descriptorLimit))")
            if let metricsServer, case .some(.some(let address)) = options.metricsAddress {
                print("metrics at http://\(shown(address.host)):\(metricsServer.port)/metrics")
            }
            server.runUntilSignalled()
            metricsServer?.stop()
            store.close()
            accessLog.stop()
            print("stopped")
            return 0
        } catch {
            return CommandError(message: "\(error)", status: 1).report(command: "serve")
        }
    }

    private static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var index = 0
        while index < arguments.count {
            let flag = arguments[index]
            switch flag {
            case "-h", "--help":
                index += 1
                continue
            case "--no-metrics":
                options.metricsAddress = .some(nil)
                index += 1
                continue
            case "--content", "--theme", "--site", "--db", "--host", "--port", "--metrics-listen", "--research-threshold":
                guard index + 1 < arguments.count else { throw CommandError.usage("'\(flag)' needs a value.\n\(usage)") }
            default:
                throw CommandError.usage("unknown option '\(flag)'.\n\(usage)")
            }
            let value = arguments[index + 1]
            switch flag {
            case "--content": options.content = value
            case "--theme": options.theme = value
            case "--site": options.site = value
            case "--db": options.database = value
            case "--host": options.host = value
            case "--port": options.port = try port(value, flag: flag)
            case "--research-threshold":
                do {
                    options.researchThreshold = try DisclosureThreshold(Int(value) ?? 0)
                } catch {
                    throw CommandError.usage("'--research-threshold' takes a whole number, at least \(DisclosureThreshold.minimum): \(error)")
                }
            default:
                // HOST:PORT, with an IPv6 host in brackets ([::1]:9100).
                guard let colon = value.lastIndex(of: ":") else {
                    throw CommandError.usage("'--metrics-listen' takes HOST:PORT, such as 127.0.0.1:9100.\n\(usage)")
                }
                var host = String(value[..<colon])
                if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
                options.metricsAddress = .some((host, try port(String(value[value.index(after: colon)...]), flag: flag)))
            }
            index += 2
        }
        return options
    }

    private static func port(_ text: String, flag: String) throws -> Int {
        guard let port = Int(text), (0...65535).contains(port) else {
            throw CommandError.usage("'\(flag)' takes a port from 0 to 65535, not '\(text)'.\n\(usage)")
        }
        return port
    }

    private static func shown(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host }

    /// The database, its log and its key must never be where the static server could send them.
    static func databaseInsideSite(database: String, site: String) -> String? {
        func absolute(_ path: String) -> String {
            let url = URL(fileURLWithPath: path).standardizedFileURL
            // The folder may not exist yet; resolve what does.
            return url.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(url.lastPathComponent).path
        }
        let folder = absolute(site)
        let file = absolute(database)
        guard file.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") else { return nil }
        return "the database \(database) is inside the site folder \(site), from which files are served; keep it (and its .key and -wal files) elsewhere"
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
