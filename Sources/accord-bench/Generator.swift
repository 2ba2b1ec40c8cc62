import Foundation
import ToolSupport

/// `accord-bench generate --records N --seed S [--out DIR]`: a synthetic dataset in
/// Accord's CSV import format, for benchmarks at 10k, 100k and 1M partnerships.
/// The same N and seed give byte-identical files; rows are written as they are made.
enum Generator {
    static func run(records: Int, seed: UInt64, folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

        let start = DispatchTime.now().uptimeNanoseconds
        let sources = try CSVFile(path: path("sources.csv"), header: SourceList.columns)
        for row in SourceList.rows { try sources.row(row) }
        try sources.close()

        let organizationCount = max(50, records / 10)
        let organizationFile = try CSVFile(path: path("organizations.csv"), header: OrganizationGenerator.columns)
        var organizations = OrganizationGenerator(count: organizationCount, sources: SourceList.ids,
                                                  random: SeededRandom(seed: seed))
        try organizations.write(to: organizationFile)
        try organizationFile.close()

        let partnershipFile = try CSVFile(path: path("partnerships.csv"), header: PartnershipGenerator.columns)
        // Beside the data, not among it: `accord import FOLDER` reads the folder's own files only.
        try FileManager.default.createDirectory(atPath: path("gold"), withIntermediateDirectories: true)
        let goldFile = try CSVFile(path: path("gold/gold.csv"), header: GeneratedJudgements.columns)
        var partnerships = PartnershipGenerator(organizations: organizations.directory, sources: SourceList.ids,
                                                random: organizations.random)
        try partnerships.write(count: records, to: partnershipFile, gold: goldFile)
        try partnershipFile.close()
        try goldFile.close()

        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print("wrote \(SourceList.rows.count) sources, \(organizationCount) organizations, \(records) partnerships "
              + "to \(folder) in " + String(format: "%.1f s", seconds))
        for (name, file) in [("sources.csv", sources), ("organizations.csv", organizationFile),
                             ("partnerships.csv", partnershipFile), ("gold/gold.csv", goldFile)] {
            print("  " + name.padding(toLength: 18, withPad: " ", startingAt: 0)
                  + String(format: "%10.1f MB", Double(file.bytes) / 1e6))
        }
    }
}
