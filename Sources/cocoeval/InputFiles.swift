import COCO
import COCOEval
import Foundation

/// Reads the ground-truth file and the results file (as columns: see `ResultColumns`), on two threads when allowed (parsing is most of an
/// evaluation's time). With both files bad, the ground truth's error is reported, as when reading
/// them one after the other.
enum InputFiles {
    /// Without `needsMasks` (bbox, keypoints) the GT's segmentations are skipped (see
    /// `COCODataset.load(contentsOf:skippingSegmentations:)`).
    static func load(groundTruth: String, results: String, needsMasks: Bool,
                     concurrently: Bool) throws(InputError) -> (COCODataset, ResultColumns) {
        let groundTruthURL = URL(fileURLWithPath: groundTruth), resultsURL = URL(fileURLWithPath: results)
        guard concurrently else {
            return (try COCODataset.load(contentsOf: groundTruthURL, skippingSegmentations: !needsMasks),
                    try ResultColumns.load(contentsOf: resultsURL))
        }
        // The ground truth on a thread of its own, the results on this one: the results reader
        // splits its file over two Dispatch workers, and nested inside a `concurrentPerform`
        // iteration its second half waited for the first (the parse ran on one core).
        let (dataset, columns) = ThreadPair.run(
            { Result { () throws(InputError) in try COCODataset.load(contentsOf: groundTruthURL, skippingSegmentations: !needsMasks) } },
            alongside: { Result { () throws(InputError) in try ResultColumns.load(contentsOf: resultsURL) } })
        return (try dataset.get(), try columns.get())
    }
}
