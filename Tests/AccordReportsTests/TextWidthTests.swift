import Testing
@testable import AccordReports

@Suite struct TextWidthTests {
    @Test func hangulAndIdeographsTakeAWholeEm() {
        #expect(TextWidth.of("한국보건산업진흥원", size: 12) == 9 * 12)
        #expect(TextWidth.of("日本", size: 10) == 20)
    }

    @Test func latinLettersAreMeasuredOneByOne() {
        #expect(TextWidth.of("iiii", size: 10) < TextWidth.of("MMMM", size: 10) / 2)
        #expect(abs(TextWidth.of("Roche", size: 12) - 12 * (0.695 + 0.612 + 0.55 + 0.634 + 0.615)) < 0.01)
        #expect(TextWidth.of("Roche", size: 12, bold: true) > TextWidth.of("Roche", size: 12))
    }

    @Test func combiningMarksAddNothing() {
        #expect(TextWidth.of("e\u{301}", size: 10) == TextWidth.of("e", size: 10))
    }
}
