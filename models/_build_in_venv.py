"""Build steps that need the pinned build tools; run by ``build_models.py`` inside its venv.

Not imported by the product. Needs tensorflow-cpu, tf2onnx, onnxruntime, mediapipe 0.10.21
(for its metadata writer) and opencv (a mediapipe dependency).

Steps: take the two BlazePose ``.tflite`` files out of the mediapipe wheel, rewrite the
detector with dense weights (tf2onnx cannot read its sparse DENSIFY weights), convert both to
ONNX (the landmark model without its unused segmentation output), check that the ONNX outputs
match TF Lite, and pack the as-shipped ``.tflite`` files with MediaPipe Tasks metadata into a
``.task`` bundle. Prints one JSON report line on stdout.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import cv2
import numpy as np
import onnx
import onnx.utils
import onnxruntime as ort
import tensorflow as tf
from _check_inputs import DET_SIZE, LMK_SIZE, detector_input, landmark_crop, synthetic_person, top_detection
from mediapipe.tasks.python.metadata.metadata_writers import metadata_writer as mw
from mediapipe.tasks.python.metadata.metadata_writers import model_asset_bundle_utils as bundle_utils
from tensorflow.lite.python import schema_py_generated as schema
from tensorflow.lite.tools import flatbuffer_utils

WHEEL_DETECTOR = "mediapipe/modules/pose_detection/pose_detection.tflite"
WHEEL_LANDMARKS = "mediapipe/modules/pose_landmark/pose_landmark_full.tflite"
DETECTOR_ONNX = "pose_detection.onnx"
LANDMARKS_ONNX = "pose_landmark_full.onnx"
TASK_BUNDLE = "pose_landmarker_full.task"
OPSET = 17
# Outputs left out of the ONNX files, with the shape each must have: the landmark model's
# segmentation logits. The product never reads them and their decoder is ~40 % of the model's
# run time (models/README.md). The .task bundle keeps them (MediaPipe expects five outputs).
DROP_OUTPUTS: dict[str, dict[str, list[int]]] = {
    DETECTOR_ONNX: {},
    LANDMARKS_ONNX: {"Identity_2": [1, 256, 256, 1]},
}


# --------------------------------------------------------------------------- TF Lite helpers
def tflite_run(model: bytes, inputs: list[np.ndarray]) -> list[list[np.ndarray]]:
    """Run a single-input model on each input with the reference kernels (no XNNPACK)."""
    interp = tf.lite.Interpreter(
        model_content=model,
        experimental_op_resolver_type=tf.lite.experimental.OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES,
    )
    interp.allocate_tensors()
    (inp,) = interp.get_input_details()
    results = []
    for x in inputs:
        interp.set_tensor(inp["index"], x)
        interp.invoke()
        results.append([interp.get_tensor(d["index"]).copy() for d in interp.get_output_details()])
    return results


def _op_name(model: schema.ModelT, opcode_index: int) -> str:
    code = model.operatorCodes[opcode_index]
    builtin = max(code.builtinCode, code.deprecatedBuiltinCode)
    names = {v: k for k, v in vars(schema.BuiltinOperator).items() if not k.startswith("_")}
    return names[builtin]


def densify(model_bytes: bytes) -> tuple[bytes, int]:
    """Return the model with every sparse constant stored dense and its DENSIFY op removed.

    TF Lite itself expands the sparse constants (they are DENSIFY outputs, computed on the
    first invoke), so the dense values are exactly what the original model computes with.
    """
    model = flatbuffer_utils.convert_bytearray_to_object(bytearray(model_bytes))
    if len(model.subgraphs) != 1:
        raise SystemExit("expected a single-subgraph detector")
    graph = model.subgraphs[0]
    dens_codes = {i for i in range(len(model.operatorCodes)) if _op_name(model, i) == "DENSIFY"}
    dens_ops = [op for op in graph.operators if op.opcodeIndex in dens_codes]

    interp = tf.lite.Interpreter(
        model_content=model_bytes,
        experimental_op_resolver_type=tf.lite.experimental.OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES,
    )
    interp.allocate_tensors()
    (inp,) = interp.get_input_details()
    interp.set_tensor(inp["index"], np.zeros(inp["shape"], np.float32))
    interp.invoke()

    drop: set[int] = set()
    for op in dens_ops:
        (src,), (dst,) = op.inputs, op.outputs
        t_src, t_dst = graph.tensors[src], graph.tensors[dst]
        if t_src.sparsity is None or t_dst.sparsity is not None:
            raise SystemExit(f"DENSIFY op on unexpected tensors {t_src.name!r} -> {t_dst.name!r}")
        dense = interp.get_tensor(dst)
        stored = len(model.buffers[t_src.buffer].data) // dense.itemsize
        if tuple(dense.shape) != tuple(t_dst.shape) or np.count_nonzero(dense) > stored:
            raise SystemExit(f"densified {t_dst.name!r} does not fit its sparse source")
        # The dense bytes take the sparse tensor's buffer; the DENSIFY output becomes a constant.
        model.buffers[t_src.buffer].data = np.frombuffer(dense.tobytes(), np.uint8).copy()
        t_dst.buffer = t_src.buffer
        drop.add(src)

    # Remove the DENSIFY ops, their sparse inputs and the DENSIFY opcode; renumber the rest.
    graph.operators = [op for op in graph.operators if op.opcodeIndex not in dens_codes]
    keep = [i for i in range(len(graph.tensors)) if i not in drop]
    new_index = {old: new for new, old in enumerate(keep)}
    graph.tensors = [graph.tensors[i] for i in keep]
    code_keep = [i for i in range(len(model.operatorCodes)) if i not in dens_codes]
    new_code = {old: new for new, old in enumerate(code_keep)}
    model.operatorCodes = [model.operatorCodes[i] for i in code_keep]

    def remap(indices: np.ndarray | list[int]) -> list[int]:
        return [-1 if i < 0 else new_index[int(i)] for i in indices]

    for op in graph.operators:
        op.opcodeIndex = new_code[op.opcodeIndex]
        op.inputs, op.outputs = remap(op.inputs), remap(op.outputs)
        if op.intermediates is not None:
            op.intermediates = remap(op.intermediates)
    graph.inputs, graph.outputs = remap(graph.inputs), remap(graph.outputs)
    return flatbuffer_utils.convert_object_to_bytearray(model), len(dens_ops)


def count_sparse(model_bytes: bytes) -> int:
    model = flatbuffer_utils.convert_bytearray_to_object(bytearray(model_bytes))
    return sum(t.sparsity is not None for g in model.subgraphs for t in g.tensors)


# --------------------------------------------------------------------------- ONNX
def to_onnx(tflite_path: Path, onnx_path: Path) -> None:
    cmd = [
        sys.executable,
        "-m",
        "tf2onnx.convert",
        "--tflite",
        str(tflite_path),
        "--opset",
        str(OPSET),
        "--output",
        str(onnx_path),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"tf2onnx failed on {tflite_path.name}")


def drop_outputs(src: Path, dst: Path, drop: dict[str, list[int]]) -> list[str]:
    """Write the subgraph of ``src`` that computes every output except ``drop``; return the kept.

    ``onnx.utils.Extractor`` finds the nodes, initializers and value infos that the kept
    outputs need (in their original order); they replace the graph's own, so everything else
    (graph name, producer, opsets) stays as tf2onnx wrote it.
    """
    model = onnx.load(str(src))
    graph = model.graph
    shapes = {o.name: [d.dim_value for d in o.type.tensor_type.shape.dim] for o in graph.output}
    for name, shape in drop.items():
        if shapes.get(name) != shape:
            raise SystemExit(f"{src.name}: expected output {name} {shape} to drop, outputs are {shapes}")
    keep = [o.name for o in graph.output if o.name not in drop]
    if not drop:
        shutil.copyfile(src, dst)
        return keep
    sub = onnx.utils.Extractor(model).extract_model([i.name for i in graph.input], keep).graph
    for field in ("node", "initializer", "value_info", "output"):
        del getattr(graph, field)[:]
        getattr(graph, field).extend(getattr(sub, field))
    onnx.save(model, str(dst))
    return keep


def finalize_onnx(src: Path, dst: Path, doc: str) -> int:
    """Make tf2onnx's output reproducible and compact; return how many weights went float16.

    tf2onnx names deduplicated constants in an order that changes from run to run, so the
    initializers are renamed ``const_<k>`` in order of first use (the graph is otherwise
    identical between runs). Float32 weights that are exact float16 values (all of TF Lite's
    fp16 weights) are stored as float16 and cast back to float32 by a Cast node; ONNX Runtime
    folds the casts when it loads the model, so the outputs are unchanged and the file halves.
    """
    model = onnx.load(str(src))
    graph = model.graph
    inits = {init.name: init for init in graph.initializer}
    rename: dict[str, str] = {}
    for node in graph.node:
        for name in node.input:
            if name in inits and name not in rename:
                rename[name] = f"const_{len(rename)}"
    if len(rename) != len(inits):
        raise SystemExit(f"{src.name}: {len(inits) - len(rename)} unused initializers")
    casts, new_inits = [], []
    for old, new in rename.items():
        arr = onnx.numpy_helper.to_array(inits[old])
        half = arr.astype(np.float16)
        if arr.dtype == np.float32 and arr.size >= 16 and np.array_equal(half.astype(np.float32), arr):
            new_inits.append(onnx.numpy_helper.from_array(half, f"{new}_fp16"))
            casts.append(
                onnx.helper.make_node(
                    "Cast", [f"{new}_fp16"], [new], name=f"{new}_cast", to=onnx.TensorProto.FLOAT
                )
            )
        else:
            new_inits.append(onnx.numpy_helper.from_array(arr, new))
    nodes = casts + list(graph.node)
    for node in nodes:
        node.input[:] = [rename.get(name, name) for name in node.input]
    del graph.node[:], graph.initializer[:]
    graph.node.extend(nodes)
    graph.initializer.extend(new_inits)
    graph.doc_string = doc  # tf2onnx writes the (temporary) source path here
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, str(dst))
    return len(casts)


def onnx_run(path: Path, inputs: list[np.ndarray]) -> tuple[list[dict], list[list[np.ndarray]]]:
    """Output names and shapes (session order), and every output for each input."""
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    io = [{"name": o.name, "shape": o.shape} for o in sess.get_outputs()]
    (inp,) = sess.get_inputs()
    return io, [sess.run(None, {inp.name: x}) for x in inputs]


def compare(
    name: str, ref: list[list[np.ndarray]], got: list[list[np.ndarray]], out_names: list[str]
) -> dict:
    """Max abs diff and max |value| per output over all inputs.

    Aborts when shapes differ or a diff exceeds 1e-3 of the output's magnitude (at least 1):
    outputs in the hundreds (landmark pixels, detector offsets) differ in their last float32
    digits through summation order alone."""
    diffs = {}
    for k, out in enumerate(out_names):
        worst, scale = 0.0, 0.0
        for r, g in zip(ref, got, strict=True):
            if r[k].shape != g[k].shape:
                raise SystemExit(f"{name}: output {out} shape {g[k].shape} != tflite {r[k].shape}")
            worst = max(worst, float(np.max(np.abs(r[k].astype(np.float64) - g[k]))))
            scale = max(scale, float(np.max(np.abs(r[k]))))
        if worst > 1e-3 * max(scale, 1.0):
            raise SystemExit(
                f"{name}: ONNX output {out} differs from TF Lite by {worst} (max |value| {scale})"
            )
        diffs[out] = {"max_abs_diff": worst, "max_abs_value": scale}
    return diffs


# --------------------------------------------------------------------------- metadata, bundle
# (file in the bundle, model name, description, norm mean, norm std, [(output, description)])
DETECTOR_META = (
    "pose_detector.tflite", "BlazePose detector", "MediaPipe pose detector, 224x224 RGB", 127.5, 127.5,
    [("raw boxes/keypoints", "Box and 4 keypoints per SSD anchor"), ("scores", "Score logit per anchor")],
)  # fmt: skip
LANDMARKS_META = (
    "pose_landmarks_detector.tflite", "BlazePose GHUM 3D full", "MediaPipe pose landmarks, 256x256 crop",
    0.0, 255.0,
    [("landmarks", "39 x (x, y, z, visibility, presence)"), ("pose_flag", "Pose presence probability"),
     ("segmentation", "Segmentation logits"), ("heatmap", "Landmark heatmap logits"),
     ("world_landmarks", "39 x (x, y, z) metres")],
)  # fmt: skip


def with_metadata(model: bytes, spec: tuple) -> bytes:
    _, name, description, mean, std, outputs = spec
    writer = mw.MetadataWriter.create(bytearray(model)).add_general_info(name, description)
    writer.add_image_input(
        norm_mean=[mean], norm_std=[std], color_space_type=mw.MetadataWriter.color_space_types.RGB
    )
    for out_name, out_desc in outputs:
        writer.add_feature_output(name=out_name, description=out_desc)
    content, _ = writer.populate()
    return bytes(content)


def write_bundle(path: Path, files: dict[str, bytes]) -> None:
    """Uncompressed, 4-byte aligned zip (what MediaPipe mmaps) with fixed timestamps."""
    with bundle_utils.AlignZipFile(path, mode="w", alignment=4) as zf:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)


def bundle_poses(path: Path, rgb: np.ndarray) -> int:
    """Load the bundle with mediapipe's PoseLandmarker; return how many poses it finds."""
    import mediapipe as mp
    from mediapipe.tasks.python import BaseOptions
    from mediapipe.tasks.python import vision as mp_vision

    opts = mp_vision.PoseLandmarkerOptions(base_options=BaseOptions(model_asset_path=str(path)))
    with mp_vision.PoseLandmarker.create_from_options(opts) as landmarker:
        image = mp.Image(image_format=mp.ImageFormat.SRGB, data=np.ascontiguousarray(rgb))
        return len(landmarker.detect(image).pose_landmarks)


def identical(a: list[list[np.ndarray]], b: list[list[np.ndarray]]) -> bool:
    return all(np.array_equal(x, y) for ra, rb in zip(a, b, strict=True) for x, y in zip(ra, rb, strict=True))


# --------------------------------------------------------------------------- main
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--wheel", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--image", type=Path, help="extra real image (any format OpenCV reads) for the check")
    args = ap.parse_args()
    work, out = args.work, args.out
    work.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)

    with zipfile.ZipFile(args.wheel) as whl:
        det_tfl, lmk_tfl = whl.read(WHEEL_DETECTOR), whl.read(WHEEL_LANDMARKS)
        licence = whl.read(next(n for n in whl.namelist() if n.endswith(".dist-info/LICENSE")))
    (work / "LICENSE.wheel").write_bytes(licence)

    dense, n_densify = densify(det_tfl)
    if count_sparse(dense):
        raise SystemExit("dense detector still holds sparse tensors")
    (work / "pose_detection_dense.tflite").write_bytes(dense)
    (work / "pose_landmark_full.tflite").write_bytes(lmk_tfl)

    # Check inputs: random in each model's range, a synthetic figure, and optionally a real image.
    rng = np.random.default_rng(0)
    images = {"synthetic": synthetic_person()}
    if args.image:
        bgr = cv2.imread(str(args.image))
        if bgr is None:
            raise SystemExit(f"cannot read {args.image}")
        images[args.image.name] = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    det_in = [rng.uniform(-1, 1, (1, DET_SIZE, DET_SIZE, 3)).astype(np.float32) for _ in range(3)]
    det_in += [detector_input(img) for img in images.values()]
    det_ref = tflite_run(det_tfl, det_in)
    if not identical(det_ref, tflite_run(dense, det_in)):
        raise SystemExit("dense detector output differs from the as-shipped detector")
    lmk_in = [rng.uniform(0, 1, (1, LMK_SIZE, LMK_SIZE, 3)).astype(np.float32) for _ in range(3)]
    lmk_in += [landmark_crop(img, o) for img, o in zip(images.values(), det_ref[3:], strict=True)]
    lmk_ref = tflite_run(lmk_tfl, lmk_in)

    report: dict = {"densify_ops_removed": n_densify, "dense_detector_identical": True}
    for key, tfl, onx, ins, ref in (
        ("detector", "pose_detection_dense.tflite", out / DETECTOR_ONNX, det_in, det_ref),
        ("landmark", "pose_landmark_full.tflite", out / LANDMARKS_ONNX, lmk_in, lmk_ref),
    ):
        raw, pruned = work / f"{onx.stem}.fp32.onnx", work / f"{onx.stem}.pruned.fp32.onnx"
        to_onnx(work / tfl, raw)
        raw_io, raw_got = onnx_run(raw, ins)
        if [list(o.shape) for o in ref[0]] != [o["shape"] for o in raw_io]:
            raise SystemExit(f"{onx.name}: tf2onnx's outputs {raw_io} are not TF Lite's, in order")
        drop = DROP_OUTPUTS[onx.name]
        keep = drop_outputs(raw, pruned, drop)
        doc = f"BlazePose {tfl} from mediapipe 0.10.21, tf2onnx opset {OPSET}"
        if drop:
            doc += f"; outputs removed: {', '.join(drop)}"
        report[f"{key}_fp16_initializers"] = finalize_onnx(pruned, onx, doc)
        io, got = onnx_run(onx, ins)
        if [o["name"] for o in io] != keep:
            raise SystemExit(f"{onx.name}: outputs {io}, expected {keep}")
        # Dropping outputs, renaming and float16 storage leave the kept outputs bit-identical.
        cols = [k for k, o in enumerate(raw_io) if o["name"] in keep]
        if not identical([[r[k] for k in cols] for r in raw_got], got):
            raise SystemExit(f"{onx.name}: dropping outputs, renaming or float16 storage changed them")
        report[f"{key}_outputs"] = io
        report[f"{key}_dropped_outputs"] = [o for o in raw_io if o["name"] in drop]
        report[f"{key}_max_abs_diff"] = compare(key, [[r[k] for k in cols] for r in ref], got, keep)

    det_meta, lmk_meta = with_metadata(det_tfl, DETECTOR_META), with_metadata(lmk_tfl, LANDMARKS_META)
    write_bundle(out / TASK_BUNDLE, {DETECTOR_META[0]: det_meta, LANDMARKS_META[0]: lmk_meta})
    report["check_inputs"] = {"detector": len(det_in), "landmarks": len(lmk_in), "images": list(images)}
    for i, name in enumerate(images):
        report[f"on {name}"] = {
            "detector_top_score": top_detection(det_ref[3 + i])[0],
            "landmark_pose_flag": float(lmk_ref[3 + i][1].ravel()[0]),
            "task_bundle_poses_found": bundle_poses(out / TASK_BUNDLE, images[name]),
        }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
