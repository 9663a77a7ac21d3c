// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Hearth",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hearth", targets: ["hearth"]),
        .library(name: "HearthMarkdown", targets: ["HearthMarkdown"]),
        .library(name: "HearthTemplates", targets: ["HearthTemplates"]),
        .library(name: "HearthContent", targets: ["HearthContent"]),
    ],
    targets: [
        .target(name: "HearthText"),
        .target(name: "HearthMarkdown", dependencies: ["HearthText"]),
        .target(name: "HearthTemplates", dependencies: ["HearthText"]),
        .target(name: "CHearthLinux"),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "HearthStore", dependencies: ["CSQLite", "HearthText"]),
        .target(name: "HearthAPI", dependencies: ["HearthHTTP", "HearthStore", "HearthJSON", "HearthManifest"]),
        .target(name: "HearthHTTP", dependencies: ["CHearthLinux", "HearthText"]),
        .target(name: "HearthContent", dependencies: ["HearthMarkdown"]),
        .target(name: "HearthJSON", dependencies: ["HearthText"]),
        .target(name: "HearthManifest", dependencies: ["HearthJSON", "HearthText"]),
        .target(name: "HearthGzip"),
        .target(name: "HearthSite", dependencies: ["HearthContent", "HearthMarkdown", "HearthTemplates", "HearthGzip", "HearthText", "HearthJSON", "HearthManifest"]),
        .executableTarget(name: "hearth", dependencies: ["HearthMarkdown", "HearthContent", "HearthSite", "HearthText", "HearthHTTP", "HearthStore", "HearthAPI", "CHearthLinux"]),
        .testTarget(
            name: "HearthMarkdownTests",
            dependencies: ["HearthMarkdown"]
        ),
        .testTarget(
            name: "HearthContentTests",
            dependencies: ["HearthContent"]
        ),
        .testTarget(
            name: "HearthStoreTests",
            dependencies: ["HearthStore"]
        ),
        .target(name: "HearthTestSupport", dependencies: ["HearthHTTP"], path: "Tests/HearthTestSupport"),
        .testTarget(
            name: "HearthAPITests",
            dependencies: ["HearthAPI", "HearthTestSupport"]
        ),
        .testTarget(
            name: "HearthHTTPTests",
            dependencies: ["HearthHTTP", "HearthTestSupport"]
        ),
        .testTarget(
            name: "HearthTemplatesTests",
            dependencies: ["HearthTemplates", "HearthJSON"]
        ),
        .testTarget(
            name: "HearthSiteTests",
            dependencies: ["HearthSite", "HearthManifest", "HearthJSON", "HearthGzip", "HearthTestSupport"]
        ),
        .testTarget(
            name: "HearthTextTests",
            dependencies: ["HearthText", "HearthTestSupport"]
        ),
        .testTarget(
            name: "HearthJSONTests",
            dependencies: ["HearthJSON", "HearthTestSupport"]
        ),
        .testTarget(
            name: "HearthManifestTests",
            dependencies: ["HearthManifest", "HearthJSON"]
        ),
        .testTarget(
            name: "HearthGzipTests",
            dependencies: ["HearthGzip", "HearthTestSupport"]
        ),
    ]
)
