import COCO
import MaskRCNN

/// Turns a table, a preset, a variant and a seed into the one `ModelConfig` that is trained.
///
/// Order (each later layer wins): the named base, the table's `overrides`, the preset's
/// `iterations` and `overrides`, the variant's `overrides`, then `seed` and `threads`.
public enum TableResolver {
    /// The resolved, validated config; errors name the YAML key path of the override at fault.
    public static func config(
        of variant: AblationTable.Variant, in table: AblationTable, preset presetName: String, seed: Int, threads: Int
    ) throws(InputError) -> ModelConfig {
        guard let preset = table.presets[presetName] else {
            throw InputError(field: "presets", message: "no preset named \"\(presetName)\" (\(table.presets.keys.sorted().joined(separator: ", ")))")
        }
        guard let variantIndex = table.variants.firstIndex(where: { $0.name == variant.name }) else {
            throw InputError(field: "variants", message: "no variant named \"\(variant.name)\"")
        }
        var config = table.base.config
        config = try apply(table.overrides, to: config, at: "overrides")
        config.solver.iterations = preset.iterations
        config = try apply(preset.overrides, to: config, at: "presets.\(presetName).overrides")
        config = try apply(variant.overrides, to: config, at: "variants[\(variantIndex)].overrides")
        config.seed = seed
        config.threads = threads
        if let problem = config.problems().first {
            throw InputError(field: "variants[\(variantIndex)] (\(variant.name)) with preset \(presetName): \(problem.field ?? "config")",
                             message: problem.message)
        }
        return config
    }

    /// `config` with `override` laid over it; errors get `path.` prepended to their field.
    private static func apply(_ override: ConfigOverride?, to config: ModelConfig, at path: String) throws(InputError) -> ModelConfig {
        guard let override else { return config }
        do {
            return try config.applying(override)
        } catch let error as InputError {
            throw InputError(field: error.field.map { "\(path).\($0)" } ?? path, message: error.message)
        } catch {
            throw InputError(field: path, message: "\(error)")
        }
    }
}
