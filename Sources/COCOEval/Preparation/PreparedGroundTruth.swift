import COCO
import Foundation

/// The outcome of ``GroundTruthPreparation``: its tables or its error, and its warnings.
struct PreparedGroundTruth: Sendable {
    var tables: Result<(InstanceTable, Buckets), InputError>
    var warnings: [String]

    init(dataset: COCODataset, file: String, context: PreparationContext) {
        var preparation = GroundTruthPreparation(dataset: dataset, file: file, context: context)
        tables = Result { () throws(InputError) in try preparation.prepare() }
        warnings = preparation.warnings
    }

    /// Prepares the GT on a new thread while `other` runs on the caller's: a `Thread`, not a
    /// Dispatch worker, so `other`'s own parallel loops keep every worker.
    static func concurrently<Value: Sendable>(
        dataset: COCODataset, file: String, context: PreparationContext,
        _ other: () throws(InputError) -> Value
    ) -> (PreparedGroundTruth, Result<Value, InputError>) {
        ThreadPair.run({ PreparedGroundTruth(dataset: dataset, file: file, context: context) },
                       alongside: { Result { () throws(InputError) in try other() } })
    }
}
