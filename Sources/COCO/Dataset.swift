/// A COCO dataset file (`instances_*.json`, `person_keypoints_*.json`): images, annotations and
/// categories, as pycocotools' `COCO(annotation_file)` reads them.
///
/// `info` and `licenses` are optional because many exported datasets omit them; everything the
/// evaluator needs is in the other three arrays.
public struct COCODataset: Codable, Equatable, Sendable {
    /// Free-form dataset description; kept so a round trip preserves it.
    public var info: COCOInfo?
    /// Licence records; kept so a round trip preserves them.
    public var licenses: [COCOLicense]?
    /// The images, in file order.
    public var images: [COCOImage]
    /// The annotations, in file order (pycocotools keeps this order per image).
    public var annotations: [COCOAnnotation]
    /// The categories, in file order.
    public var categories: [COCOCategory]

    /// Creates a dataset from its parts.
    public init(
        info: COCOInfo? = nil, licenses: [COCOLicense]? = nil,
        images: [COCOImage], annotations: [COCOAnnotation], categories: [COCOCategory]
    ) {
        self.info = info
        self.licenses = licenses
        self.images = images
        self.annotations = annotations
        self.categories = categories
    }
}

/// The `info` record of a dataset file.
public struct COCOInfo: Codable, Equatable, Sendable {
    public var description: String?
    public var url: String?
    public var version: String?
    public var year: Int?
    public var contributor: String?
    public var dateCreated: String?

    enum CodingKeys: String, CodingKey {
        case description, url, version, year, contributor
        case dateCreated = "date_created"
    }

    /// Creates an info record.
    public init(description: String? = nil, url: String? = nil, version: String? = nil,
                year: Int? = nil, contributor: String? = nil, dateCreated: String? = nil) {
        self.description = description
        self.url = url
        self.version = version
        self.year = year
        self.contributor = contributor
        self.dateCreated = dateCreated
    }
}

/// One `licenses` record of a dataset file.
public struct COCOLicense: Codable, Equatable, Sendable {
    public var id: Int
    public var name: String?
    public var url: String?

    /// Creates a licence record.
    public init(id: Int, name: String? = nil, url: String? = nil) {
        self.id = id
        self.name = name
        self.url = url
    }
}

/// One image of a dataset. Width and height are in pixels; they size every RLE mask of the image.
public struct COCOImage: Codable, Equatable, Sendable {
    public var id: Int
    public var width: Int
    public var height: Int
    /// The file name relative to the split's image folder (e.g. `000000000139.jpg`).
    public var fileName: String?
    public var license: Int?

    enum CodingKeys: String, CodingKey {
        case id, width, height, license
        case fileName = "file_name"
    }

    /// Creates an image record.
    public init(id: Int, width: Int, height: Int, fileName: String? = nil, license: Int? = nil) {
        self.id = id
        self.width = width
        self.height = height
        self.fileName = fileName
        self.license = license
    }
}

/// A category; person-keypoint datasets also name the keypoints and the skeleton.
public struct COCOCategory: Codable, Equatable, Sendable {
    public var id: Int
    public var name: String
    public var supercategory: String?
    /// Keypoint names in annotation order (17 for COCO persons).
    public var keypoints: [String]?
    /// Limb list as 1-based keypoint index pairs, as COCO stores it.
    public var skeleton: [[Int]]?

    /// Creates a category.
    public init(id: Int, name: String, supercategory: String? = nil,
                keypoints: [String]? = nil, skeleton: [[Int]]? = nil) {
        self.id = id
        self.name = name
        self.supercategory = supercategory
        self.keypoints = keypoints
        self.skeleton = skeleton
    }
}

/// One ground-truth annotation.
///
/// Fields that pycocotools requires but real files sometimes omit (`iscrowd`, `area`,
/// `num_keypoints`) are optional here; the evaluator documents what it assumes when they are
/// missing instead of crashing as pycocotools does.
public struct COCOAnnotation: Codable, Equatable, Sendable {
    public var id: Int
    public var imageID: Int
    public var categoryID: Int
    /// Polygons, uncompressed RLE or compressed RLE.
    public var segmentation: Segmentation?
    /// The JSON `area` field in pixels; the evaluator uses it as given (never recomputed).
    public var area: Double?
    /// `[x, y, width, height]` in pixels, top-left origin.
    public var bbox: BoundingBox?
    /// 1 for a crowd region; crowd GTs can absorb any number of detections.
    public var isCrowd: Int?
    /// A dataset's own ignore flag. pycocotools overwrites it with `iscrowd`; see the evaluator.
    public var ignore: Int?
    /// Flattened `(x, y, v)` triples, v = 0 unlabelled, 1 labelled but occluded, 2 visible.
    public var keypoints: [Double]?
    /// The number of keypoints with v > 0.
    public var numKeypoints: Int?

    enum CodingKeys: String, CodingKey {
        case id, segmentation, area, bbox, ignore, keypoints
        case imageID = "image_id"
        case categoryID = "category_id"
        case isCrowd = "iscrowd"
        case numKeypoints = "num_keypoints"
    }

    /// Creates an annotation.
    public init(id: Int, imageID: Int, categoryID: Int, segmentation: Segmentation? = nil,
                area: Double? = nil, bbox: BoundingBox? = nil, isCrowd: Int? = 0, ignore: Int? = nil,
                keypoints: [Double]? = nil, numKeypoints: Int? = nil) {
        self.id = id
        self.imageID = imageID
        self.categoryID = categoryID
        self.segmentation = segmentation
        self.area = area
        self.bbox = bbox
        self.isCrowd = isCrowd
        self.ignore = ignore
        self.keypoints = keypoints
        self.numKeypoints = numKeypoints
    }
}

/// One detection of a results file (the JSON array pycocotools' `loadRes` reads).
///
/// Exactly which of `bbox`, `segmentation` and `keypoints` is present decides the result type;
/// pycocotools decides it from the first record alone, and so does the evaluator.
public struct COCOResult: Codable, Equatable, Sendable {
    public var imageID: Int
    public var categoryID: Int
    /// Detection confidence; higher ranks first.
    public var score: Double
    /// `[x, y, width, height]` in pixels.
    public var bbox: BoundingBox?
    /// A compressed RLE for segm results (polygons and uncompressed RLE are accepted too).
    public var segmentation: Segmentation?
    /// Flattened `(x, y, v)` triples for keypoint results.
    public var keypoints: [Double]?

    enum CodingKeys: String, CodingKey {
        case score, bbox, segmentation, keypoints
        case imageID = "image_id"
        case categoryID = "category_id"
    }

    /// Creates a result record.
    public init(imageID: Int, categoryID: Int, score: Double, bbox: BoundingBox? = nil,
                segmentation: Segmentation? = nil, keypoints: [Double]? = nil) {
        self.imageID = imageID
        self.categoryID = categoryID
        self.score = score
        self.bbox = bbox
        self.segmentation = segmentation
        self.keypoints = keypoints
    }
}
