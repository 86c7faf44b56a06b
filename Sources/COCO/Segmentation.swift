/// An instance mask as COCO files store it.
///
/// - `polygons`: one or more flattened `[x1, y1, x2, y2, ...]` outlines whose union is the mask.
/// - `uncompressedRLE`: `{"size": [h, w], "counts": [Int]}`, runs over column-major pixels.
/// - `compressedRLE`: `{"size": [h, w], "counts": "..."}`, the same runs in pycocotools' string
///   encoding (see ``RLE/init(compressedCounts:height:width:)``).
public enum Segmentation: Equatable, Sendable {
    case polygons([[Double]])
    case uncompressedRLE(height: Int, width: Int, counts: [UInt32])
    case compressedRLE(height: Int, width: Int, counts: String)
}

extension Segmentation: Codable {
    private enum CodingKeys: String, CodingKey { case size, counts }

    public init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var polygons: [[Double]] = []
            while !list.isAtEnd { polygons.append(try list.decode([Double].self)) }
            self = .polygons(polygons)
            return
        }
        let object = try decoder.container(keyedBy: CodingKeys.self)
        let size = try object.decode([Int].self, forKey: .size)
        guard size.count == 2, size[0] >= 0, size[1] >= 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .size, in: object, debugDescription: "expected [height, width], got \(size)")
        }
        if let counts = try? object.decode(String.self, forKey: .counts) {
            self = .compressedRLE(height: size[0], width: size[1], counts: counts)
        } else {
            let counts = try object.decode([UInt32].self, forKey: .counts)
            self = .uncompressedRLE(height: size[0], width: size[1], counts: counts)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .polygons(let polygons):
            var list = encoder.unkeyedContainer()
            for polygon in polygons { try list.encode(polygon) }
        case .uncompressedRLE(let height, let width, let counts):
            var object = encoder.container(keyedBy: CodingKeys.self)
            try object.encode([height, width], forKey: .size)
            try object.encode(counts, forKey: .counts)
        case .compressedRLE(let height, let width, let counts):
            var object = encoder.container(keyedBy: CodingKeys.self)
            try object.encode([height, width], forKey: .size)
            try object.encode(counts, forKey: .counts)
        }
    }
}
