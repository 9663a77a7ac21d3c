// TEMPORARY STUB (owner: lead). The real XMLContentLoader is being written in Sources/HearthContent/XML/.
// When XML/ defines XMLContentLoader, delete this file.
import Foundation

enum XMLContentLoader {
    static func loadSite(_ data: Data, path: String) -> (SiteSettings, Diagnostics) { (SiteSettings(), Diagnostics()) }
    static func loadMeasure(_ data: Data, path: String, defaultLanguage: String) -> (Measure?, Diagnostics) { (nil, Diagnostics()) }
    static func loadModule(_ data: Data, path: String, id: String, defaultLanguage: String) -> (Module?, Diagnostics) { (nil, Diagnostics()) }
}
