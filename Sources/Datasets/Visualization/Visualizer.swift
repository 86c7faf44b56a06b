import COCO

/// One thing to draw on an image: any of a mask, a box, a label and keypoints.
public struct OverlayInstance: Sendable {
    /// A full-image mask, blended in the instance colour.
    public var mask: BinaryMask?
    /// A COCO box `[x, y, width, height]`, outlined.
    public var box: BoundingBox?
    /// Text drawn at the box's top-left (e.g. `"circle 0.93"`).
    public var label: String?
    /// Keypoints in continuous pixel coordinates; those with visibility 0 are skipped.
    public var keypoints: [Keypoint]?

    /// Creates an overlay instance.
    public init(mask: BinaryMask? = nil, box: BoundingBox? = nil, label: String? = nil, keypoints: [Keypoint]? = nil) {
        self.mask = mask
        self.box = box
        self.label = label
        self.keypoints = keypoints
    }
}

/// Draws detections or ground truth over images, and lays images out in a grid (the style of
/// the paper's Figures 2 and 5): masks in distinct colours, boxes, labels in a built-in bitmap
/// font, keypoint skeletons.
public enum Visualizer {
    /// `image` with every instance drawn on it; `skeleton` is COCO's 1-based limb list.
    public static func overlay(_ instances: [OverlayInstance], on image: Image,
                               skeleton: [[Int]] = PersonKeypoints.skeleton) -> Image {
        var canvas = image
        let thickness = max(1, Double(min(image.width, image.height)) / 160)
        for (index, instance) in instances.enumerated() {
            if let mask = instance.mask { canvas.blend(mask, color: OverlayPalette.color(index), alpha: 0.5) }
        }
        for (index, instance) in instances.enumerated() {
            let color = OverlayPalette.color(index)
            if let box = instance.box {
                canvas.drawBox(x: box.x, y: box.y, width: box.width, height: box.height, thickness: thickness, color: color)
            }
            if let keypoints = instance.keypoints {
                for limb in skeleton where limb.count == 2 && limb.allSatisfy({ (1...keypoints.count).contains($0) }) {
                    let start = keypoints[limb[0] - 1], end = keypoints[limb[1] - 1]
                    guard start.visibility > 0, end.visibility > 0 else { continue }
                    canvas.drawLine(from: Point(x: start.x, y: start.y), to: Point(x: end.x, y: end.y),
                                    thickness: thickness * 1.5, color: color)
                }
                for keypoint in keypoints where keypoint.visibility > 0 {
                    // Visible keypoints white, occluded ones black, as annotation tools show them.
                    let fill = keypoint.visibility == 2 ? RGB(red: 255, green: 255, blue: 255) : RGB(red: 0, green: 0, blue: 0)
                    canvas.drawDisc(at: Point(x: keypoint.x, y: keypoint.y), radius: thickness * 1.6, color: color)
                    canvas.drawDisc(at: Point(x: keypoint.x, y: keypoint.y), radius: thickness, color: fill)
                }
            }
            if let label = instance.label {
                let scale = image.width >= 400 ? 2 : 1
                let anchor = instance.box.map { (Int($0.x) + scale, Int($0.y) + scale) } ?? (1, 1)
                canvas.drawText(label, x: anchor.0 + 1, y: anchor.1 + 1, scale: scale,
                                color: RGB(red: 255, green: 255, blue: 255), background: color.darkened)
            }
        }
        return canvas
    }

    /// Overlay instances for a synthetic sample's ground truth, labelled with category names.
    public static func groundTruth(of sample: SyntheticSample, categories: [COCOCategory]) -> [OverlayInstance] {
        let names = Dictionary(uniqueKeysWithValues: categories.map { ($0.id, $0.name) })
        return zip(sample.annotations, sample.masks).map { annotation, mask in
            let keypoints = annotation.keypoints.map { values in
                stride(from: 0, to: values.count - 2, by: 3).map {
                    Keypoint(x: values[$0] + 0.5, y: values[$0 + 1] + 0.5, visibility: Int(values[$0 + 2]))
                }
            }
            let crowd = (annotation.isCrowd ?? 0) != 0 ? " crowd" : ""
            return OverlayInstance(mask: mask, box: annotation.bbox,
                                   label: (names[annotation.categoryID] ?? "\(annotation.categoryID)") + crowd,
                                   keypoints: keypoints)
        }
    }

    /// Overlay instances for detections on one image (COCO results of `record`), best first,
    /// keeping those scoring at least `minimumScore`; labels read `"<category> <score>"`.
    /// - Throws: `InputError` when a result's segmentation does not decode at the image's size.
    public static func detections(_ results: [COCOResult], on record: COCOImage, categories: [COCOCategory],
                                  minimumScore: Double = 0.5) throws(InputError) -> [OverlayInstance] {
        let names = Dictionary(uniqueKeysWithValues: categories.map { ($0.id, $0.name) })
        var instances: [OverlayInstance] = []
        for result in results.filter({ $0.imageID == record.id && $0.score >= minimumScore }).sorted(by: { $0.score > $1.score }) {
            let mask = try result.segmentation.map { segmentation throws(InputError) in
                try BinaryMask(segmentation: segmentation, width: record.width, height: record.height)
            }
            let keypoints = result.keypoints.map { values in
                stride(from: 0, to: values.count - 2, by: 3).map {
                    // Predicted keypoints carry a score, not a visibility: draw them all as visible.
                    Keypoint(x: values[$0] + 0.5, y: values[$0 + 1] + 0.5, visibility: 2)
                }
            }
            let score = (result.score * 100).rounded() / 100
            instances.append(OverlayInstance(mask: mask, box: result.bbox ?? mask?.boundingBox,
                                             label: "\(names[result.categoryID] ?? String(result.categoryID)) \(score)",
                                             keypoints: keypoints))
        }
        return instances
    }

    /// Images laid out left to right, top to bottom, `columns` per row, separated by `spacing`
    /// pixels of `background`; cells are as large as the largest image.
    public static func grid(_ images: [Image], columns: Int, spacing: Int = 4,
                            background: RGB = RGB(red: 255, green: 255, blue: 255)) -> Image? {
        guard !images.isEmpty, columns > 0, spacing >= 0 else { return nil }
        let cellWidth = images.map(\.width).max()!, cellHeight = images.map(\.height).max()!
        let rows = (images.count + columns - 1) / columns
        let usedColumns = min(columns, images.count)
        var canvas = Image(width: usedColumns * cellWidth + (usedColumns + 1) * spacing,
                           height: rows * cellHeight + (rows + 1) * spacing, color: background)
        for (index, image) in images.enumerated() {
            let left = spacing + (index % columns) * (cellWidth + spacing)
            let top = spacing + (index / columns) * (cellHeight + spacing)
            for y in 0..<image.height {
                let source = y * image.width * 3
                let target = ((top + y) * canvas.width + left) * 3
                canvas.pixels.replaceSubrange(target..<(target + image.width * 3),
                                              with: image.pixels[source..<(source + image.width * 3)])
            }
        }
        return canvas
    }
}

extension RGB {
    /// The colour at 60% brightness, for label backgrounds that white text reads on.
    var darkened: RGB {
        RGB(red: UInt8(Double(red) * 0.6), green: UInt8(Double(green) * 0.6), blue: UInt8(Double(blue) * 0.6))
    }
}
