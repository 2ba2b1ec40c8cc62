/// Series colours in a fixed order: Okabe and Ito's palette, which readers with any common
/// form of colour blindness can tell apart; its yellow comes last, being faint on white.
enum ChartPalette {
    static let colors = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]

    /// The bar of the category lumping the rest together.
    static let other = "#afb8c1"

    static func color(_ seriesIndex: Int) -> String {
        colors[seriesIndex % colors.count]
    }

    /// Past the eighth series, colours come round again: each round draws its lines with its
    /// own dashes, so that no two series look alike. Nil for the first round (solid lines).
    static func dashes(_ seriesIndex: Int) -> String? {
        let rounds = ["6 3", "2 3", "8 3 2 3"]
        let round = seriesIndex / colors.count
        return round == 0 ? nil : rounds[(round - 1) % rounds.count]
    }
}
