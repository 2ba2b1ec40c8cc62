/// A chart's values made regular: one value per category in every series, non-finite
/// values dropped.
struct ChartData {
    let categories: [String]
    let series: [ChartSeries]
    let unit: String?
    /// The category lumping the rest together, if any (see `ReportChart.other`).
    let other: Int?

    init(_ chart: ReportChart) {
        categories = chart.categories
        series = chart.series.map { series in
            let values = (0..<chart.categories.count).map { index -> Double? in
                guard series.values.indices.contains(index), let value = series.values[index], value.isFinite else {
                    return nil
                }
                return value
            }
            let ids = (0..<chart.categories.count).map { series.partnerships.indices.contains($0) ? series.partnerships[$0] : [] }
            return ChartSeries(name: series.name, values: values, partnerships: ids)
        }
        unit = chart.unit.flatMap { $0.isEmpty ? nil : $0 }
        other = chart.other.flatMap { chart.categories.indices.contains($0) ? $0 : nil }
    }

    var values: [Double] { series.flatMap { $0.values.compactMap { $0 } } }

    var isEmpty: Bool { values.isEmpty }

    /// Counts and other whole numbers: the axis then has no fractional ticks.
    var isIntegral: Bool { values.allSatisfy { $0 == $0.rounded() } }

    /// The scale for values side by side, or stacked: positives on positives, negatives on negatives.
    /// Without `other`, the category lumping the rest does not set it.
    func scale(stacked: Bool, targetTicks: Int = 5, other includingOther: Bool = true) -> NiceScale {
        var low = 0.0, high = 0.0
        let counted = categories.indices.filter { includingOther || $0 != other }
        if stacked {
            for index in counted {
                let values = series.compactMap { $0.values[index] }
                high = max(high, values.filter { $0 > 0 }.reduce(0, +))
                low = min(low, values.filter { $0 < 0 }.reduce(0, +))
            }
        } else {
            let values = counted.flatMap { index in series.compactMap { $0.values[index] } }
            high = values.max() ?? 0
            low = values.min() ?? 0
        }
        return NiceScale(minimum: low, maximum: high, integral: isIntegral, targetTicks: targetTicks)
    }

    /// `Q4 2019 · export: 3 (a, b, c)`: with the partnerships behind the value.
    func tooltip(category: Int, series: Int, value: Double) -> String {
        let text = "\(categories[category]) · \(self.series[series].name): \(NumberFormat.value(value, unit: unit))"
        let ids = self.series[series].partnerships[category]
        guard !ids.isEmpty else { return text }
        let shown = ids.prefix(12).joined(separator: ", ")
        return text + " (" + shown + (ids.count > 12 ? " and \(ids.count - 12) more" : "") + ")"
    }

    /// A tick's label: `50bn`, `2.5`, `10%`.
    func tickLabel(_ tick: Double, of scale: NiceScale) -> String {
        NumberFormat.tick(tick, of: scale) + (unit == "%" ? "%" : "")
    }

    /// The colour of a bar: the series', or grey for the category lumping the rest.
    func color(series: Int, category: Int) -> String {
        category == other ? ChartPalette.other : ChartPalette.color(series)
    }

    /// The unit written by the value axis; a percentage is marked on each tick instead.
    var axisUnit: String? { unit == "%" ? nil : unit }
}
