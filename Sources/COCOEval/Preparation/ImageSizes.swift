import COCO

/// Height and width of every GT image; the last record of an id wins, as in `createIndex`.
struct ImageSizes: Sendable {
    private let index: DenseIndex
    private var heights: [Int]
    private var widths: [Int]

    init(_ images: [COCOImage]) {
        let ids = Array(Set(images.map(\.id))).sorted()
        index = DenseIndex(sortedUniqueIDs: ids)
        heights = [Int](repeating: 0, count: ids.count)
        widths = heights
        for image in images {
            let position = index[image.id]!
            heights[position] = image.height
            widths[position] = image.width
        }
    }

    func size(of id: Int) -> (height: Int, width: Int)? {
        index[id].map { (heights[$0], widths[$0]) }
    }
}
