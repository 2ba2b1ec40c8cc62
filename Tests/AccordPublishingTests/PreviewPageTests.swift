@testable import AccordPreview
@testable import AccordPublishing
import Foundation
import Testing

/// The page the preview shows at `/`: the rendered report with the reload script, and the banner.
struct PreviewPageTests {
    static let report = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Quarterly</title></head>
        <body class="report">
        <h1>Partnerships filed in 2025-Q4</h1>
        </body>
        </html>
        """

    @Test func theReportGetsTheReloadScriptBeforeTheEndOfItsBodyAndNothingElse() throws {
        let page = PreviewPage.wrap(Self.report, version: 7, error: nil)
        let script = try #require(page.range(of: "<script id=\"accord-preview-reload\">"))
        #expect(page.range(of: "</body>")!.lowerBound > script.lowerBound)
        #expect(page.contains("var version = 7;"))
        #expect(page.contains("/__accord/changes?since="))
        #expect(!page.contains("accord-preview-error"))
        // Taking the script out gives the report back, byte for byte.
        let scriptText = PreviewPage.reloadScript(version: 7)
        #expect(page.replacingOccurrences(of: scriptText, with: "") == Self.report)
    }

    @Test func aFailedRenderPutsItsErrorInABannerAtTheTopAndKeepsTheReport() throws {
        let error = "Scripts/reports/quarterly.lua:31: attempt to index a nil value (global 'x')\nstack traceback: <main>"
        let page = PreviewPage.wrap(Self.report, version: 2, error: error)
        let banner = try #require(page.range(of: "<div id=\"accord-preview-error\""))
        #expect(banner.lowerBound > page.range(of: "<body class=\"report\">")!.upperBound)
        #expect(banner.lowerBound < page.range(of: "<h1>")!.lowerBound)
        #expect(page.contains("Scripts/reports/quarterly.lua:31: attempt to index a nil value (global &#39;x&#39;)"))
        #expect(page.contains("below is the last render that worked"))
        #expect(page.contains("<h1>Partnerships filed in 2025-Q4</h1>"))
    }

    @Test func errorTextIsEscapedSoAScriptCannotWriteMarkupIntoThePage() {
        let page = PreviewPage.wrap(Self.report, version: 1, error: "x.lua:1: <img src=x onerror=alert(1)> & \"q\"")
        #expect(page.contains("x.lua:1: &lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;"))
        #expect(!page.contains("<img"))
    }

    @Test func withoutAGoodRenderThePageShowsTheErrorAloneAndStillReloads() {
        let page = PreviewPage.failure("Scripts/reports/q.lua:3: unexpected symbol near 'end'", title: "Q <1>", version: 1)
        #expect(page.contains("The report could not be rendered.</strong>"))
        #expect(page.contains("Scripts/reports/q.lua:3: unexpected symbol near &#39;end&#39;"))
        #expect(page.contains("<title>Q &lt;1&gt; (preview)</title>"))
        #expect(page.contains("var version = 1;"))
        #expect(!page.contains("last render that worked"))
    }

    @Test func aPageWithoutABodyTagStillGetsTheBannerAndTheScript() {
        let page = PreviewPage.wrap("<p>bare</p>", version: 3, error: "e.lua:1: boom")
        #expect(page.hasPrefix("<div id=\"accord-preview-error\""))
        #expect(page.hasSuffix(PreviewPage.reloadScript(version: 3)))
    }
}

/// Where the preview may listen: loopback only, unless told otherwise.
struct PreviewAddressTests {
    @Test(arguments: ["127.0.0.1", "127.4.5.6", "localhost", "LOCALHOST", "::1", "[::1]", "::ffff:127.0.0.1"])
    func loopbackAddressesAreAccepted(host: String) throws {
        let address = try PreviewAddress(host: host, port: 0)
        #expect(PreviewAddress.isLoopback(address.host))
    }

    @Test(arguments: ["0.0.0.0", "192.168.1.20", "10.0.0.1", "::", "fe80::1", "2001:db8::1", "::ffff:10.0.0.1"])
    func anAddressOthersCanReachIsRefusedUnlessRemoteIsAllowed(host: String) throws {
        let error = #expect(throws: PreviewAddressError.self) { try PreviewAddress(host: host, port: 8765) }
        #expect(error?.description.contains("is not a loopback address") == true)
        #expect(error?.description.contains("--allow-remote") == true)
        let allowed = try PreviewAddress(host: host, port: 8765, allowRemote: true)
        #expect(!PreviewAddress.isLoopback(allowed.host))
    }

    @Test(arguments: ["example.com", "127.0.0.1.nip.io", "", "127.0.0.1:80", "1.2.3"])
    func namesOtherThanLocalhostAreRefusedEvenWithRemoteAllowed(host: String) {
        #expect(throws: PreviewAddressError.self) { try PreviewAddress(host: host, port: 0, allowRemote: true) }
    }

    @Test func portsOutsideTheRangeAreRefusedAndTheURLBracketsIPv6() throws {
        #expect(throws: PreviewAddressError.self) { try PreviewAddress(host: "127.0.0.1", port: 65536) }
        #expect(throws: PreviewAddressError.self) { try PreviewAddress(host: "127.0.0.1", port: -1) }
        #expect(try PreviewAddress(host: "localhost", port: 0).url(port: 41000) == "http://127.0.0.1:41000/")
        #expect(try PreviewAddress(host: "::1", port: 0).url(port: 41000) == "http://[::1]:41000/")
    }
}
