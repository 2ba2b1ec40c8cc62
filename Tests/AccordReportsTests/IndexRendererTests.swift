@testable import AccordReports
import Testing

@Suite struct IndexRendererTests {
    @Test("Folder names become links that any web server and the file system read alike")
    func folderNamesArePercentEncoded() {
        #expect(IndexRenderer.href("2019-khidi") == "2019-khidi")
        #expect(IndexRenderer.href("2019-한미 x") == "2019-%ED%95%9C%EB%AF%B8%20x")
        #expect(IndexRenderer.href("a\"b<c") == "a%22b%3Cc")
    }
}
