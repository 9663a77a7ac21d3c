import XCTest
import HearthText

final class HTMLEscapingTests: XCTestCase {
    func testTextEscapesTheFourCharactersCmarkDoes() {
        XCTAssertEqual(HTMLEscaping.escaped(#"a & b < c > d "e" 'f' é"#), "a &amp; b &lt; c &gt; d &quot;e&quot; 'f' é")
        XCTAssertEqual(HTMLEscaping.escaped("'", apostrophe: true), "&#39;")
        XCTAssertEqual(HTMLEscaping.escaped(""), "")
        XCTAssertEqual(HTMLEscaping.escaped("&&"), "&amp;&amp;", "adjacent entities, nothing copied between them")
        var output = Array("<p>".utf8)
        HTMLEscaping.append("x<y", to: &output)
        XCTAssertEqual(String(decoding: output, as: UTF8.self), "<p>x&lt;y", "appends to what is there")
    }

    func testURLsArePercentEncodedAsCmarkDoes() {
        var output: [UInt8] = []
        HTMLEscaping.appendURL("/a b/ü?q=1&r='s'#%20[x]", to: &output)
        XCTAssertEqual(String(decoding: output, as: UTF8.self), "/a%20b/%C3%BC?q=1&amp;r=&#x27;s&#x27;#%20%5Bx%5D")
    }
}
