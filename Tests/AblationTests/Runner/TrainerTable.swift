import Ablation
import Foundation

/// A tiny real table for the trainer tests: the C4 model of Table 2c on a handful of 64-px
/// shapes images, trained for a few iterations (seconds in a debug build).
enum TrainerTable {
    static let yaml = """
    table: tiny
    title: "Tiny C4 table"
    base: c4
    overrides: {roi_heads: {num_classes: 6, rois_per_image: 16}, backbone: {stage_widths: [8, 16, 16, 32], stem_width: 8, group_norm_groups: 4},
                mask_head: {conv_width: 8}, rpn: {pre_nms_top_k_test: 100, post_nms_top_k_test: 20}}
    baseline: align
    variants:
      - name: align
        overrides: {roi_heads: {box_pooler: {kind: roi_align}}}
    metrics: [mask.AP, box.AP]
    presets:
      smoke: {dataset: shapes, image_size: tiny, train_images: 4, val_images: 3, seeds: 2, iterations: 4,
              overrides: {input: {shorter_side: 64, max_size: 64}, solver: {warmup_iterations: 1, steps: []}, checkpoint_period: 2}}
      quick: {dataset: shapes, image_size: tiny, train_images: 4, val_images: 3, seeds: 1, iterations: 4,
              overrides: {input: {shorter_side: 64, max_size: 64}, solver: {warmup_iterations: 1, steps: []}}}
    paper:
      source: "none"
      rows: {}
    claims: []
    check: {default_tolerance: 0.02}
    """

    /// The smoke jobs (seeds 0 and 1) on `data`.
    static func jobs(data: DataSource = .synthetic) throws -> [AblationJob] {
        let table = try TableLoader.parse(yaml, file: "tiny.yaml")
        return try JobPlan(table: table, preset: "smoke", threads: 1, data: data).jobs
    }

    /// A fresh scratch folder.
    static func scratch() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("maskbench-wire-\(UUID().uuidString)", isDirectory: true)
    }
}
