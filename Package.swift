// swift-tools-version:6.0
import PackageDescription

// Linux only, so no `platforms` line: the server runs on epoll and eventfd (CHearthLinux), which macOS lacks.
// Targets are listed from the bottom of the dependency graph up; Docs/architecture.md has the same table.
let package = Package(
    name: "Hearth",
    products: [
        .executable(name: "hearth", targets: ["hearth"]),
        .library(name: "HearthMarkdown", targets: ["HearthMarkdown"]),
        .library(name: "HearthTemplates", targets: ["HearthTemplates"]),
        .library(name: "HearthContent", targets: ["HearthContent"]),
    ],
    targets: [
        .target(name: "HearthText"),
        .target(name: "HearthGzip"),
        .target(name: "CHearthLinux"),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "HearthJSON", dependencies: ["HearthText"]),
        .target(name: "HearthManifest", dependencies: ["HearthJSON", "HearthText"]),
        .target(name: "HearthMarkdown", dependencies: ["HearthText"]),
        .target(name: "HearthTemplates", dependencies: ["HearthText"]),
        .target(name: "HearthContent", dependencies: ["HearthMarkdown"]),
        .target(name: "HearthSite", dependencies: ["HearthContent", "HearthMarkdown", "HearthTemplates", "HearthManifest", "HearthJSON",
                                                   "HearthGzip", "HearthText"]),
        .target(name: "HearthHTTP", dependencies: ["CHearthLinux", "HearthText"]),
        .target(name: "HearthStore", dependencies: ["CSQLite", "HearthText"]),
        .target(name: "HearthResearch", dependencies: ["HearthContent", "HearthText"]),
        .target(name: "HearthAPI", dependencies: ["HearthHTTP", "HearthStore", "HearthManifest", "HearthJSON", "HearthResearch", "HearthContent",
                                                  "HearthText"]),
        .executableTarget(name: "hearth", dependencies: ["HearthMarkdown", "HearthContent", "HearthSite", "HearthText", "HearthHTTP",
                                                         "HearthStore", "HearthResearch", "HearthAPI", "CHearthLinux"]),

        .target(name: "HearthTestSupport", dependencies: ["HearthHTTP", "HearthStore"], path: "Tests/HearthTestSupport"),
        .testTarget(name: "HearthTextTests", dependencies: ["HearthText", "HearthTestSupport"]),
        .testTarget(name: "HearthGzipTests", dependencies: ["HearthGzip", "HearthTestSupport"]),
        .testTarget(name: "HearthJSONTests", dependencies: ["HearthJSON", "HearthTestSupport"]),
        .testTarget(name: "HearthManifestTests", dependencies: ["HearthManifest", "HearthJSON"]),
        .testTarget(name: "HearthMarkdownTests", dependencies: ["HearthMarkdown"]),
        .testTarget(name: "HearthTemplatesTests", dependencies: ["HearthTemplates", "HearthJSON"]),
        .testTarget(name: "HearthContentTests", dependencies: ["HearthContent", "HearthMarkdown"]),
        .testTarget(name: "HearthSiteTests", dependencies: ["HearthSite", "HearthContent", "HearthManifest", "HearthGzip", "HearthTestSupport"]),
        .testTarget(name: "HearthHTTPTests", dependencies: ["HearthHTTP", "HearthTestSupport"]),
        .testTarget(name: "HearthStoreTests", dependencies: ["HearthStore", "HearthTestSupport"]),
        .testTarget(name: "HearthResearchTests", dependencies: ["HearthResearch", "HearthContent", "HearthJSON", "HearthTestSupport"]),
        .testTarget(name: "HearthCommandTests", dependencies: ["hearth", "HearthStore", "HearthTestSupport"]),
        .testTarget(name: "HearthAPITests", dependencies: ["HearthAPI", "HearthHTTP", "HearthJSON", "HearthStore", "HearthContent", "HearthResearch", "HearthTestSupport"]),
    ]
)
