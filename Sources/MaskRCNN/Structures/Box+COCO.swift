import COCO

extension Box {
    /// The corners of a COCO `[x, y, width, height]` box, rounded to Float32.
    public init(_ box: BoundingBox) {
        self.init(x1: Float(box.x), y1: Float(box.y), x2: Float(box.x + box.width), y2: Float(box.y + box.height))
    }

    /// The box as COCO's `[x, y, width, height]`.
    public var boundingBox: BoundingBox {
        BoundingBox(x: Double(x1), y: Double(y1), width: Double(x2 - x1), height: Double(y2 - y1))
    }
}

extension Detection {
    /// The detection as a COCO result record: `categoryIDs[label - 1]` is the dataset category
    /// of contiguous label `label` (the order of the dataset's category list). Keypoints, when given, become `(x, y, 2)`
    /// triples as COCO keypoint results expect.
    public func cocoResult(imageID: Int, categoryIDs: [Int], keypoints: [DecodedKeypoint]? = nil) -> COCOResult {
        COCOResult(imageID: imageID, categoryID: categoryIDs[label - 1], score: Double(score), bbox: box.boundingBox,
                   keypoints: keypoints?.flatMap { [Double($0.x), Double($0.y), 2] })
    }
}
