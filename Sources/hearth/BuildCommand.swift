import Foundation
import HearthContent
import HearthSite

/// `hearth build` and `hearth check`: load and validate content; build also renders the site.
enum BuildCommand {
    static let buildUsage = "usage: hearth build [--content Content] [--theme Themes/default] [--out _site] [--no-gzip]"
    static let checkUsage = "usage: hearth check [--content Content] [--reading-age YEARS]"

    struct Options {
        var content = "Content"
        var theme = "Themes/default"
        var output = "_site"
        var readingAge: Double?
        /// Write `.gz` copies of compressible files (for `hearth serve`, nginx's gzip_static or a CDN).
        var gzip = true
    }

    static func parse(_ arguments: [String], allowed: Set<String>, usage: String) throws -> Options {
        var options = Options()
        var index = 0
        while index < arguments.count {
            let flag = arguments[index]
            guard allowed.contains(flag) else {
                if flag == "-h" || flag == "--help" { throw CommandError(message: usage, status: 0) }
                throw CommandError.usage("unknown option '\(flag)'.\n\(usage)")
            }
            if flag == "--no-gzip" {
                options.gzip = false
                index += 1
                continue
            }
            guard index + 1 < arguments.count else { throw CommandError.usage("'\(flag)' needs a value.\n\(usage)") }
            let value = arguments[index + 1]
            switch flag {
            case "--content": options.content = value
            case "--theme": options.theme = value
            case "--out": options.output = value
            case "--reading-age":
                guard let years = Double(value), years > 0 else { throw CommandError.usage("'--reading-age' takes a number of years, like 11.\n\(usage)") }
                options.readingAge = years
            default: break
            }
            index += 2
        }
        return options
    }

    /// Loads and validates; prints every diagnostic, sorted; returns the site when there are no errors.
    static func loadChecked(_ options: Options, authorWarnings: Bool) -> (ContentSite?, Diagnostics) {
        var (site, diagnostics) = ContentLoader.load(folder: options.content)
        if let years = options.readingAge { site.settings.readingAge = .init(everyone: years) }
        var validator = ContentValidator(site: site)
        validator.run(authorWarnings: authorWarnings)
        diagnostics.append(contentsOf: validator.diagnostics)
        for diagnostic in diagnostics.sorted {
            FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
        }
        return (diagnostics.hasErrors ? nil : site, diagnostics)
    }

    static func runBuild(_ arguments: [String]) -> Int32 {
        let started = DispatchTime.now()
        do {
            let options = try parse(arguments, allowed: ["--content", "--theme", "--out", "--no-gzip"], usage: buildUsage)
            let (loaded, diagnostics) = loadChecked(options, authorWarnings: false)
            guard let site = loaded else {
                let count = diagnostics.all.filter { $0.severity == .error }.count
                throw CommandError(message: "\(count) error\(count == 1 ? "" : "s"); nothing was written, and '\(options.output)' is unchanged.", status: 1)
            }
            let fallback = URL(fileURLWithPath: options.theme).deletingLastPathComponent().appendingPathComponent("default").path
            let theme = try Theme.load(options.theme, fallback: FileManager.default.fileExists(atPath: fallback) ? fallback : nil)
            let summary = try SiteBuilder(site: site, theme: theme).build(into: URL(fileURLWithPath: options.output), gzip: options.gzip)
            for warning in summary.warnings { FileHandle.standardError.write(Data("\(warning)\n".utf8)) }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            print("built \(summary.pages) pages (\(site.courses.count) courses, \(summary.quizzes) quizzes, \(site.measures.count) measures) into \(options.output)/ in \(String(format: "%.2f", seconds)) s")
            return 0
        } catch let error as CommandError {
            return error.report(command: "build")
        } catch let error as Theme.LoadError {
            return CommandError(message: error.description, status: 1).report(command: "build")
        } catch {
            return CommandError(message: "\(error)", status: 1).report(command: "build")
        }
    }

    static func runCheck(_ arguments: [String]) -> Int32 {
        do {
            let options = try parse(arguments, allowed: ["--content", "--reading-age"], usage: checkUsage)
            let (site, diagnostics) = loadChecked(options, authorWarnings: true)
            let errors = diagnostics.sorted.filter { $0.severity == .error }.count
            let warnings = diagnostics.sorted.count - errors
            if site == nil {
                throw CommandError(message: "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s").", status: 1)
            }
            print("checked \(options.content): no errors, \(warnings) warning\(warnings == 1 ? "" : "s").")
            return 0
        } catch let error as CommandError {
            return error.report(command: "check")
        } catch {
            return CommandError(message: "\(error)", status: 1).report(command: "check")
        }
    }
}
