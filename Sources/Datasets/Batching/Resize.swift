import COCO
import Foundation

/// The output size for resizing so the shorter side is `shorterSide` unless that makes the
/// longer side exceed `maxSize` (then the longer side is `maxSize`); detectron2's
/// `ResizeShortestEdge` rule, rounding half up.
public func resizedSize(width: Int, height: Int, shorterSide: Int, maxSize: Int) -> (width: Int, height: Int) {
    var scale = Double(shorterSide) / Double(min(width, height))
    if Double(max(width, height)) * scale > Double(maxSize) {
        scale = Double(maxSize) / Double(max(width, height))
    }
    return (max(1, Int(Double(width) * scale + 0.5)), max(1, Int(Double(height) * scale + 0.5)))
}

extension TrainingExample {
    /// The example resized to a shorter side of `shorterSide` pixels (longer side at most
    /// `maxSize`): pixels bilinearly, masks by nearest neighbour, boxes and keypoints scaled.
    public func resized(shorterSide: Int, maxSize: Int) -> TrainingExample {
        let size = resizedSize(width: image.width, height: image.height, shorterSide: shorterSide, maxSize: maxSize)
        return resized(width: size.width, height: size.height)
    }

    /// The example resized to exactly `width` x `height`.
    public func resized(width: Int, height: Int) -> TrainingExample {
        let scaleX = Double(width) / Double(image.width)
        let scaleY = Double(height) / Double(image.height)
        var resized = self
        resized.image = image.resized(width: width, height: height)
        resized.targets.boxes = targets.boxes.map {
            BoundingBox(x: $0.x * scaleX, y: $0.y * scaleY, width: $0.width * scaleX, height: $0.height * scaleY)
        }
        resized.targets.masks = targets.masks.map { $0.resized(width: width, height: height) }
        resized.targets.keypoints = targets.keypoints.map { points in
            points.map { $0.visibility > 0 ? Keypoint(x: $0.x * scaleX, y: $0.y * scaleY, visibility: $0.visibility) : $0 }
        }
        resized.scale = (scale.x * scaleX, scale.y * scaleY)
        return resized
    }
}

/// Half-pixel-centred sampling positions: output pixel `i` samples input coordinate
/// `(i + 0.5) * in / out - 0.5`, PyTorch's `align_corners=False` convention.
private func sourceCoordinate(_ index: Int, scale: Double) -> Double {
    (Double(index) + 0.5) * scale - 0.5
}

extension Image {
    /// The image resized with bilinear interpolation (half-pixel centres, edge clamped, no
    /// antialiasing: PyTorch's `interpolate(mode="bilinear", align_corners=False)`), rounded.
    public func resized(width newWidth: Int, height newHeight: Int) -> Image {
        precondition(newWidth > 0 && newHeight > 0, "resize target must be positive")
        let scaleX = Double(width) / Double(newWidth)
        let scaleY = Double(height) / Double(newHeight)
        // Precompute the two source columns and weights per output column.
        let columns = (0..<newWidth).map { x -> (Int, Int, Float) in
            let source = max(0, sourceCoordinate(x, scale: scaleX))
            let left = min(Int(source), width - 1)
            return (left, min(left + 1, width - 1), Float(source - Double(left)))
        }
        var output = [UInt8](repeating: 0, count: newWidth * newHeight * 3)
        for y in 0..<newHeight {
            let source = max(0, sourceCoordinate(y, scale: scaleY))
            let top = min(Int(source), height - 1)
            let bottom = min(top + 1, height - 1)
            let wy = Float(source - Double(top))
            for (x, (left, right, wx)) in columns.enumerated() {
                for channel in 0..<3 {
                    let a = Float(pixels[(top * width + left) * 3 + channel])
                    let b = Float(pixels[(top * width + right) * 3 + channel])
                    let c = Float(pixels[(bottom * width + left) * 3 + channel])
                    let d = Float(pixels[(bottom * width + right) * 3 + channel])
                    let upper = a + (b - a) * wx
                    let lower = c + (d - c) * wx
                    output[(y * newWidth + x) * 3 + channel] = UInt8(min(255, max(0, (upper + (lower - upper) * wy).rounded())))
                }
            }
        }
        return Image(uncheckedWidth: newWidth, height: newHeight, pixels: output)
    }
}

extension BinaryMask {
    /// The mask resized by nearest neighbour at half-pixel centres (a pixel is inside when the
    /// source pixel under its centre is).
    public func resized(width newWidth: Int, height newHeight: Int) -> BinaryMask {
        let scaleX = Double(width) / Double(newWidth)
        let scaleY = Double(height) / Double(newHeight)
        let columns = (0..<newWidth).map { min(width - 1, Int((Double($0) + 0.5) * scaleX)) }
        var output = [UInt8](repeating: 0, count: newWidth * newHeight)
        for y in 0..<newHeight {
            let row = min(height - 1, Int((Double(y) + 0.5) * scaleY)) * width
            for (x, column) in columns.enumerated() {
                output[y * newWidth + x] = pixels[row + column]
            }
        }
        return BinaryMask(width: newWidth, height: newHeight, pixels: output)
    }
}
