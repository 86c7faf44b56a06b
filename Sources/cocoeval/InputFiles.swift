import COCO
import COCOEval
import Dispatch
import Foundation

/// Reads the ground-truth file and the results file (as columns: see `ResultColumns`), on two threads when allowed (parsing is most of an
/// evaluation's time). With both files bad, the ground truth's error is reported, as when reading
/// them one after the other.
enum InputFiles {
    static func load(groundTruth: String, results: String,
                     concurrently: Bool) throws(InputError) -> (COCODataset, ResultColumns) {
        let groundTruthURL = URL(fileURLWithPath: groundTruth), resultsURL = URL(fileURLWithPath: results)
        guard concurrently else {
            return (try COCODataset.load(contentsOf: groundTruthURL),
                    try ResultColumns.load(contentsOf: resultsURL))
        }
        let slots = Slots()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 {
                slots.dataset = Result { () throws(InputError) in try COCODataset.load(contentsOf: groundTruthURL) }
            } else {
                slots.results = Result { () throws(InputError) in try ResultColumns.load(contentsOf: resultsURL) }
            }
        }
        return (try slots.dataset!.get(), try slots.results!.get())
    }

    /// Each slot is written by exactly one iteration and read after both finished.
    private final class Slots: @unchecked Sendable {
        var dataset: Result<COCODataset, InputError>?
        var results: Result<ResultColumns, InputError>?
    }
}
