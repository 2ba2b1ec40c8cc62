import Foundation
import Testing
@testable import AccordCore

/// A record's digest is what the database keeps to tell an unchanged record: its bytes must not
/// move, or every record of every database would count as changed at its next import.
@Suite struct RecordDigestTests {
    @Test func theDigestsOfEveryKindOfRecordStayWhatTheyWere() {
        let digests = richDataset.sources.map(RecordDigest.of) + richDataset.organizations.map(RecordDigest.of)
            + richDataset.partnerships.map(RecordDigest.of)
        #expect(digests.map { $0.map { String(format: "%02x", $0) }.joined() } == [
            "c032cbe23fa82bd1ffc18ea5730f1c4ee0b4d900b81b59e34254b98d91a77ff9",
            "bac997f701625589ef2c32a59d306255ccbd5cee86100279ff831f0b36b791fb",
            "92a891c09937cb226635d32282cb059a2477ec5bd56660bf2c039064ca1fde47",
            "ad2d3a3ed06422d889edddb03547ec5bbdc2663dfe73caa2cd484b0f0104552c",
            "367a94b1b6ce54e540334744578aba2aed2dc60b9545036025cf475a3c4fde7e",
            "1c25b622244404dd089862ee11d1928382b49f0444cf2cc220c881019fc7feae",
            "0fa8ed303f5f7e100013f0737b52ccdb67d3f1e7c14d0ad0d17c8200ed955249",
            "d1ce8e443a1d6c14de4dbb61819be3045b985f98fc559a4cf1af2233ad944dc1",
            "72b0cd9fe7964af00e6ca8fd0f026de89be597c53aa22487bde0563a4c201b0a",
            "3934afc010fc365c62bd4f923e8f1d971096a36a92cdf659d8e9c2706c815bdd",
            "22ef9167a9b527550090476f8fc401fc7d639dc97c2c39fca68661177cb7f4fc",
            "f96e1bc56772cf41582358546ddf9561f1a80368b35928943a8ba00090eb8bec",
        ])
    }
}
