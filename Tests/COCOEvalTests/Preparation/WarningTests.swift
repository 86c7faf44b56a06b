import COCO
import COCOEval
import Testing

/// Each quirk that changes the numbers, and each case where we do what pycocotools would crash
/// on, says so in one line; clean input gives no warning.
@Suite struct WarningTests {
    static func warnings(_ name: String) throws -> [String] {
        try ParityCase(name).evaluate().warnings
    }

    @Test(arguments: [
        ("bbox_gt_id_zero", "warning: gt.json: 1 annotations have id 0; pycocotools never counts them as matched"),
        ("bbox_duplicate_ids_same_image", "warning: gt.json: 1 annotations repeat an earlier id; pycocotools counts the last one in place of each earlier one"),
        ("bbox_ignore_field_overwritten", "warning: gt.json: 2 annotations have ignore=1 but iscrowd=0; pycocotools overwrites ignore with iscrowd and counts them"),
        ("bbox_empty_results", "warning: results.json: no results; every AP is 0 (pycocotools raises IndexError)"),
        ("bbox_gt_without_iscrowd", "note: gt.json: 2 annotations have no iscrowd; taken as 0 (pycocotools would crash)"),
        ("bbox_gt_without_area", "note: gt.json: 2 annotations have no area; using the box area w*h (pycocotools would crash)"),
        ("kp_gt_without_num_keypoints", "note: gt.json: 2 annotations have no num_keypoints; using the count of v>0 (pycocotools would crash)"),
        ("kp_gt_without_area", "note: gt.json: 2 annotations have no area; using the box area w*h (pycocotools would crash)"),
        ("kp_no_cats", "warning: keypoints without categories: pycocotools' computeOks ignores useCats, so nothing matches and every AP is 0"),
        ("segm_results_with_bbox", "warning: results.json: segm results carry a bbox; pycocotools takes the box area w*h as their area (1 differ from the mask area), as here (detectron2 drops the bbox)"),
        ("segm_gt_without_area", "note: gt.json: 2 annotations have no area; using the mask area (pycocotools would crash)"),
        ("kp_result_with_bbox", "warning: results.json: keypoint results carry a bbox; pycocotools takes the box area w*h as their area, as here (detectron2 drops the bbox)"),
    ])
    func quirkIsReported(name: String, warning: String) throws {
        #expect(try Self.warnings(name) == [warning])
    }

    @Test(arguments: ["bbox_single_perfect", "random_bbox_1", "kp_basic", "random_keypoints_8", "random_segm_5",
                      "segm_polygon_perfect"])
    func cleanInputHasNoWarnings(name: String) throws {
        #expect(try Self.warnings(name).isEmpty)
    }
}
