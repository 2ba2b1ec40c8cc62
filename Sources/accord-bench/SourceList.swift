/// The 20 documents every generated record cites: `id, title, publisher, published, url, document`.
enum SourceList {
    static let columns = ["id", "title", "publisher", "published", "url", "document"]

    static let rows: [[String]] = [
        ["krpia-open-innovation-cases", "Open innovation cases of global pharmaceutical companies", "KRPIA", "2020",
         "", "krpia-open-innovation.txt"],
        ["kbr-deals-roundup", "Korea Biomedical Review weekly deals roundup", "Korea Biomedical Review", "2024-03",
         "https://bench.example.org/kbr/deals-roundup", ""],
        ["pink-sheet-asia-regulatory", "Asia regulatory briefs", "Pink Sheet", "2023-11-07",
         "https://bench.example.org/pink-sheet/asia", ""],
        ["khidi-press-releases", "KHIDI press releases on public-private agreements",
         "Korea Health Industry Development Institute", "", "https://bench.example.org/khidi/press", ""],
        ["liaa-life-sciences-news", "Latvian life sciences news", "LIAA", "2024",
         "https://bench.example.org/liaa/news", ""],
        ["fierce-pharma-licensing", "Licensing and collaboration deals", "Fierce Pharma", "",
         "https://bench.example.org/fierce/licensing", ""],
        ["biospectrum-asia-partnerships", "Partnerships across Asia-Pacific", "BioSpectrum Asia", "2022-06",
         "https://bench.example.org/biospectrum/partnerships", ""],
        ["yonhap-biohealth", "Bio-health industry news", "Yonhap News Agency", "", "", ""],
        ["pharma-letter-deals", "Deal reports", "The Pharma Letter", "2021", "https://bench.example.org/pharma-letter",
         ""],
        ["endpoints-dealmaking", "Dealmaking coverage", "Endpoints News", "2025-01",
         "https://bench.example.org/endpoints/deals", ""],
        ["nikkei-asia-healthcare", "Healthcare industry coverage", "Nikkei Asia", "", "", ""],
        ["asean-health-cooperation", "ASEAN health cooperation updates", "ASEAN Secretariat", "2019-09-20",
         "https://bench.example.org/asean/health", ""],
        ["mfds-international-cooperation", "International regulatory cooperation", "MFDS", "2023",
         "https://bench.example.org/mfds/international", "mfds-cooperation.pdf"],
        ["kotra-investment-news", "Foreign investment and trade news", "KOTRA", "",
         "https://bench.example.org/kotra/news", ""],
        ["baltic-news-network-health", "Baltic health and pharma news", "Baltic News Network", "2024-11", "", ""],
        ["clinical-trials-arena", "Clinical trial news", "Clinical Trials Arena", "",
         "https://bench.example.org/cta/news", ""],
        ["company-annual-reports", "Company annual reports and filings", "", "", "", "annual-reports.zip"],
        ["vaccine-alliance-updates", "Vaccine supply and partnership updates", "Vaccine Alliance", "2021-05-14", "", ""],
        ["biosimilar-market-review", "Biosimilar market review", "Biosimilar Development", "2022", "", ""],
        ["digital-health-korea", "Digital health in Korea", "Korea Health Industry Development Institute", "2023-08",
         "", "digital-health-korea.pdf"],
    ]

    static var ids: [String] { rows.map { $0[0] } }
}
