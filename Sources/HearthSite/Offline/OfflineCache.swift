import HearthContent
import HearthJSON
import HearthTemplates
import HearthText

/// What the service worker (`sw.js`, from the theme's `service-worker` template) caches: the theme's assets and
/// the offline page when it installs, and every page of a course once one of that course's pages is opened.
struct OfflineCache {
    /// A fingerprint of everything a build wrote: any change to a page or an asset gives a new cache name,
    /// so the browser installs the new worker and the old cache is deleted.
    struct Build {
        private(set) var fingerprint: UInt64 = 0xcbf2_9ce4_8422_2325

        /// Folds in one page's fingerprint.
        mutating func add(_ value: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) { mix(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
        }

        /// Folds in a name (an asset's hashed path).
        mutating func add(_ text: String) {
            for byte in text.utf8 { mix(byte) }
            mix(0)
        }

        private mutating func mix(_ byte: UInt8) {
            fingerprint ^= UInt64(byte)
            fingerprint = fingerprint &* 0x0000_0100_0000_01B3
        }

        /// `hearth-` and 16 hex digits.
        var cacheName: String { "hearth-" + HexDigit.lowercase(fingerprint, digits: 16) }
    }

    let site: ContentSite
    /// Hashed asset paths under the site root.
    let assetPaths: [String: String]
    let build: Build

    /// The template's values: `cacheName`, and as JSON text (for triple braces) `precache`, the paths cached at
    /// install, and `courses`, each course's pages by course id. Paths are relative to the worker's scope, the root.
    func context() -> [String: TemplateValue] {
        let precache = assetPaths.values.sorted() + [SiteRoutes.favicon, SiteRoutes.offline, SiteRoutes.home]
        // Every page that belongs to a course, in build order.
        var pagesByCourse: [String: [String]] = [:]
        for page in SiteRoutes.pages(of: site) {
            switch page {
            case .course(let course), .courseMeasure(let course, _, _), .modulePage(let course, _, _), .courseEnd(let course):
                pagesByCourse[course.id, default: []].append(page.path)
            default: break
            }
        }
        let courses = JSONObject(site.courses.map { ($0.id, .array((pagesByCourse[$0.id] ?? []).map { .string($0) })) })
        func json(_ value: JSONValue) -> TemplateValue {
            .string(String(decoding: JSONWriter.bytes(of: value, keyOrder: .declared), as: UTF8.self))
        }
        return [
            "cacheName": .string(build.cacheName),
            "offline": .string(SiteRoutes.offline),
            "precache": json(.array(precache.map { .string($0) })),
            "courses": json(.object(courses)),
        ]
    }
}
