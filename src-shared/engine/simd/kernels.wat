;; Dense-block kernels of the engine in WebAssembly SIMD128. `.config/build-wasm.mjs` assembles this file with wabt
;; into kernels-wasm.ts (base64). The body between the KERNELS markers is a template written once and expanded
;; per precision: {S} function suffix (_f64 / _f32), {T} scalar type, {V} vector shape (f64x2 / f32x4),
;; {E} bytes per element, {SPLAT} the load-and-splat of one element.
;;
;; Every address is a byte address in the one imported memory. Batch buffers are neuron-major (a neuron's values
;; for the batch are contiguous), so every vector runs along the batch. Address 0 is never data (the host keeps the
;; first 16 bytes free), so 0 means "no table".
(module
  (import "env" "memory" (memory 1))
;; KERNELS-BEGIN
  ;; Sum of the lanes of a vector.
  (func $hsum{S} (param $v v128) (result {T})
    {HSUM})

  ;; The fused activation of a stored vector: 0 none, 1 identity, 2 ReLU (z > 0 ? z : 0, so NaN and -0 give +0 like the
  ;; JavaScript kernel).
  (func $actv{S} (param $v v128) (param $act i32) (result v128)
    (if (result v128) (i32.eq (local.get $act) (i32.const 2))
      (then (v128.and (local.get $v) ({V}.gt (local.get $v) (v128.const i64x2 0 0))))
      (else (local.get $v))))
  (func $acts{S} (param $x {T}) (param $act i32) (result {T})
    (if (result {T}) (i32.eq (local.get $act) (i32.const 2))
      (then (select (local.get $x) ({T}.const 0) ({T}.gt (local.get $x) ({T}.const 0))))
      (else (local.get $x))))

  ;; out[j][b] = init_j + Σ_i M(i, j) · in[i][b] for one output row j and b (bytes) in [b0, b1).
  ;; $initA: address of the scalar init (a bias), or 0 to accumulate onto out's current values.
  ;; M(i, j) sits at $w + i·$ws. With $act (1 identity, 2 ReLU) the activated value is also stored $od bytes further on.
  (func $row{S} (param $o i32) (param $in i32) (param $iend i32) (param $w i32) (param $ws i32) (param $initA i32) (param $b0 i32) (param $b1 i32) (param $act i32) (param $od i32)
    (local $b i32) (local $ip i32) (local $wo i32) (local $a i32) (local $s v128) (local $c0 v128) (local $c1 v128) (local $x {T})
    (local.set $b (local.get $b0))
    ;; Two vectors at a time.
    (block $done2 (loop $l2
      (br_if $done2 (i32.gt_u (i32.add (local.get $b) (i32.const 32)) (local.get $b1)))
      (if (local.get $initA)
        (then (local.set $c0 ({SPLAT} (local.get $initA))) (local.set $c1 (local.get $c0)))
        (else
          (local.set $c0 (v128.load (i32.add (local.get $o) (local.get $b))))
          (local.set $c1 (v128.load offset=16 (i32.add (local.get $o) (local.get $b))))))
      (local.set $ip (local.get $in))
      (local.set $wo (local.get $w))
      (block $idone (loop $il
        (br_if $idone (i32.ge_u (local.get $ip) (local.get $iend)))
        (local.set $a (i32.add (i32.load (local.get $ip)) (local.get $b)))
        (local.set $s ({SPLAT} (local.get $wo)))
        (local.set $c0 ({V}.add (local.get $c0) ({V}.mul (local.get $s) (v128.load (local.get $a)))))
        (local.set $c1 ({V}.add (local.get $c1) ({V}.mul (local.get $s) (v128.load offset=16 (local.get $a)))))
        (local.set $wo (i32.add (local.get $wo) (local.get $ws)))
        (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
        (br $il)))
      (v128.store (i32.add (local.get $o) (local.get $b)) (local.get $c0))
      (v128.store offset=16 (i32.add (local.get $o) (local.get $b)) (local.get $c1))
      (if (local.get $act) (then
        (v128.store (i32.add (i32.add (local.get $o) (local.get $od)) (local.get $b)) (call $actv{S} (local.get $c0) (local.get $act)))
        (v128.store offset=16 (i32.add (i32.add (local.get $o) (local.get $od)) (local.get $b)) (call $actv{S} (local.get $c1) (local.get $act)))))
      (local.set $b (i32.add (local.get $b) (i32.const 32)))
      (br $l2)))
    ;; One vector.
    (if (i32.le_u (i32.add (local.get $b) (i32.const 16)) (local.get $b1)) (then
      (if (local.get $initA)
        (then (local.set $c0 ({SPLAT} (local.get $initA))))
        (else (local.set $c0 (v128.load (i32.add (local.get $o) (local.get $b))))))
      (local.set $ip (local.get $in))
      (local.set $wo (local.get $w))
      (block $idone (loop $il
        (br_if $idone (i32.ge_u (local.get $ip) (local.get $iend)))
        (local.set $c0 ({V}.add (local.get $c0)
          ({V}.mul ({SPLAT} (local.get $wo)) (v128.load (i32.add (i32.load (local.get $ip)) (local.get $b))))))
        (local.set $wo (i32.add (local.get $wo) (local.get $ws)))
        (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
        (br $il)))
      (v128.store (i32.add (local.get $o) (local.get $b)) (local.get $c0))
      (if (local.get $act) (then
        (v128.store (i32.add (i32.add (local.get $o) (local.get $od)) (local.get $b)) (call $actv{S} (local.get $c0) (local.get $act)))))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))))
    ;; Single elements.
    (block $done1 (loop $l1
      (br_if $done1 (i32.ge_u (local.get $b) (local.get $b1)))
      (if (local.get $initA)
        (then (local.set $x ({T}.load (local.get $initA))))
        (else (local.set $x ({T}.load (i32.add (local.get $o) (local.get $b))))))
      (local.set $ip (local.get $in))
      (local.set $wo (local.get $w))
      (block $idone (loop $il
        (br_if $idone (i32.ge_u (local.get $ip) (local.get $iend)))
        (local.set $x ({T}.add (local.get $x)
          ({T}.mul ({T}.load (local.get $wo)) ({T}.load (i32.add (i32.load (local.get $ip)) (local.get $b))))))
        (local.set $wo (i32.add (local.get $wo) (local.get $ws)))
        (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
        (br $il)))
      ({T}.store (i32.add (local.get $o) (local.get $b)) (local.get $x))
      (if (local.get $act) (then
        ({T}.store (i32.add (i32.add (local.get $o) (local.get $od)) (local.get $b)) (call $acts{S} (local.get $x) (local.get $act)))))
      (local.set $b (i32.add (local.get $b) (i32.const {E})))
      (br $l1))))

  ;; The matrix kernel of the forward pass and of the input gradient:
  ;; out[j][b] = init_j + Σ_i M(i, j) · in[i][b] for j in [0, nJ), i in [0, nI), b (bytes) in [b0, b1).
  ;; $out, $in, $w: tables of i32 addresses (out row j, in row i, M(0, j)); M(i, j) = $w[j] + i·$ws.
  ;; $init: a table of scalar addresses (biases), or 0 to accumulate onto out. $act / $od: as in $row.
  ;; Register block: 4 output rows × 2 vectors of the batch, so each loaded input vector feeds 4 multiply-adds and
  ;; the 8 accumulators stay in registers across the whole sum over i.
  (func $mm{S} (export "mm{S}") (param $out i32) (param $in i32) (param $w i32) (param $init i32) (param $nJ i32) (param $nI i32) (param $ws i32) (param $b0 i32) (param $b1 i32) (param $act i32) (param $od i32)
    (local $j i32) (local $iend i32) (local $bv i32) (local $b i32) (local $ip i32) (local $wo i32) (local $a i32)
    (local $o0 i32) (local $o1 i32) (local $o2 i32) (local $o3 i32) (local $w0 i32) (local $w1 i32) (local $w2 i32) (local $w3 i32)
    (local $i0 i32) (local $i1 i32) (local $i2 i32) (local $i3 i32)
    (local $s v128) (local $x0 v128) (local $x1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $iend (i32.add (local.get $in) (i32.shl (local.get $nI) (i32.const 2))))
    ;; End of the part done two vectors at a time.
    (local.set $bv (i32.sub (local.get $b1) (i32.and (i32.sub (local.get $b1) (local.get $b0)) (i32.const 31))))
    (block $jdone (loop $jl
      (br_if $jdone (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $nJ)))
      (local.set $a (i32.shl (local.get $j) (i32.const 2)))
      (local.set $o0 (i32.load (i32.add (local.get $out) (local.get $a))))
      (local.set $o1 (i32.load offset=4 (i32.add (local.get $out) (local.get $a))))
      (local.set $o2 (i32.load offset=8 (i32.add (local.get $out) (local.get $a))))
      (local.set $o3 (i32.load offset=12 (i32.add (local.get $out) (local.get $a))))
      (local.set $w0 (i32.load (i32.add (local.get $w) (local.get $a))))
      (local.set $w1 (i32.load offset=4 (i32.add (local.get $w) (local.get $a))))
      (local.set $w2 (i32.load offset=8 (i32.add (local.get $w) (local.get $a))))
      (local.set $w3 (i32.load offset=12 (i32.add (local.get $w) (local.get $a))))
      (if (local.get $init) (then
        (local.set $i0 (i32.load (i32.add (local.get $init) (local.get $a))))
        (local.set $i1 (i32.load offset=4 (i32.add (local.get $init) (local.get $a))))
        (local.set $i2 (i32.load offset=8 (i32.add (local.get $init) (local.get $a))))
        (local.set $i3 (i32.load offset=12 (i32.add (local.get $init) (local.get $a))))))
      (local.set $b (local.get $b0))
      (block $bdone (loop $bl
        (br_if $bdone (i32.ge_u (local.get $b) (local.get $bv)))
        (if (local.get $init)
          (then
            (local.set $c00 ({SPLAT} (local.get $i0))) (local.set $c01 (local.get $c00))
            (local.set $c10 ({SPLAT} (local.get $i1))) (local.set $c11 (local.get $c10))
            (local.set $c20 ({SPLAT} (local.get $i2))) (local.set $c21 (local.get $c20))
            (local.set $c30 ({SPLAT} (local.get $i3))) (local.set $c31 (local.get $c30)))
          (else
            (local.set $c00 (v128.load (i32.add (local.get $o0) (local.get $b))))
            (local.set $c01 (v128.load offset=16 (i32.add (local.get $o0) (local.get $b))))
            (local.set $c10 (v128.load (i32.add (local.get $o1) (local.get $b))))
            (local.set $c11 (v128.load offset=16 (i32.add (local.get $o1) (local.get $b))))
            (local.set $c20 (v128.load (i32.add (local.get $o2) (local.get $b))))
            (local.set $c21 (v128.load offset=16 (i32.add (local.get $o2) (local.get $b))))
            (local.set $c30 (v128.load (i32.add (local.get $o3) (local.get $b))))
            (local.set $c31 (v128.load offset=16 (i32.add (local.get $o3) (local.get $b))))))
        (local.set $ip (local.get $in))
        (local.set $wo (i32.const 0))
        (block $idone (loop $il
          (br_if $idone (i32.ge_u (local.get $ip) (local.get $iend)))
          (local.set $a (i32.add (i32.load (local.get $ip)) (local.get $b)))
          (local.set $x0 (v128.load (local.get $a)))
          (local.set $x1 (v128.load offset=16 (local.get $a)))
          (local.set $s ({SPLAT} (i32.add (local.get $w0) (local.get $wo))))
          (local.set $c00 ({V}.add (local.get $c00) ({V}.mul (local.get $s) (local.get $x0))))
          (local.set $c01 ({V}.add (local.get $c01) ({V}.mul (local.get $s) (local.get $x1))))
          (local.set $s ({SPLAT} (i32.add (local.get $w1) (local.get $wo))))
          (local.set $c10 ({V}.add (local.get $c10) ({V}.mul (local.get $s) (local.get $x0))))
          (local.set $c11 ({V}.add (local.get $c11) ({V}.mul (local.get $s) (local.get $x1))))
          (local.set $s ({SPLAT} (i32.add (local.get $w2) (local.get $wo))))
          (local.set $c20 ({V}.add (local.get $c20) ({V}.mul (local.get $s) (local.get $x0))))
          (local.set $c21 ({V}.add (local.get $c21) ({V}.mul (local.get $s) (local.get $x1))))
          (local.set $s ({SPLAT} (i32.add (local.get $w3) (local.get $wo))))
          (local.set $c30 ({V}.add (local.get $c30) ({V}.mul (local.get $s) (local.get $x0))))
          (local.set $c31 ({V}.add (local.get $c31) ({V}.mul (local.get $s) (local.get $x1))))
          (local.set $wo (i32.add (local.get $wo) (local.get $ws)))
          (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
          (br $il)))
        (v128.store (i32.add (local.get $o0) (local.get $b)) (local.get $c00))
        (v128.store offset=16 (i32.add (local.get $o0) (local.get $b)) (local.get $c01))
        (v128.store (i32.add (local.get $o1) (local.get $b)) (local.get $c10))
        (v128.store offset=16 (i32.add (local.get $o1) (local.get $b)) (local.get $c11))
        (v128.store (i32.add (local.get $o2) (local.get $b)) (local.get $c20))
        (v128.store offset=16 (i32.add (local.get $o2) (local.get $b)) (local.get $c21))
        (v128.store (i32.add (local.get $o3) (local.get $b)) (local.get $c30))
        (v128.store offset=16 (i32.add (local.get $o3) (local.get $b)) (local.get $c31))
        (if (local.get $act) (then
          ;; ReLU inline (a call per vector costs more than the mask): z > 0 ? z : 0.
          (if (i32.eq (local.get $act) (i32.const 2)) (then
            (local.set $c00 (v128.and (local.get $c00) ({V}.gt (local.get $c00) (v128.const i64x2 0 0))))
            (local.set $c01 (v128.and (local.get $c01) ({V}.gt (local.get $c01) (v128.const i64x2 0 0))))
            (local.set $c10 (v128.and (local.get $c10) ({V}.gt (local.get $c10) (v128.const i64x2 0 0))))
            (local.set $c11 (v128.and (local.get $c11) ({V}.gt (local.get $c11) (v128.const i64x2 0 0))))
            (local.set $c20 (v128.and (local.get $c20) ({V}.gt (local.get $c20) (v128.const i64x2 0 0))))
            (local.set $c21 (v128.and (local.get $c21) ({V}.gt (local.get $c21) (v128.const i64x2 0 0))))
            (local.set $c30 (v128.and (local.get $c30) ({V}.gt (local.get $c30) (v128.const i64x2 0 0))))
            (local.set $c31 (v128.and (local.get $c31) ({V}.gt (local.get $c31) (v128.const i64x2 0 0))))))
          (v128.store (i32.add (i32.add (local.get $o0) (local.get $od)) (local.get $b)) (local.get $c00))
          (v128.store offset=16 (i32.add (i32.add (local.get $o0) (local.get $od)) (local.get $b)) (local.get $c01))
          (v128.store (i32.add (i32.add (local.get $o1) (local.get $od)) (local.get $b)) (local.get $c10))
          (v128.store offset=16 (i32.add (i32.add (local.get $o1) (local.get $od)) (local.get $b)) (local.get $c11))
          (v128.store (i32.add (i32.add (local.get $o2) (local.get $od)) (local.get $b)) (local.get $c20))
          (v128.store offset=16 (i32.add (i32.add (local.get $o2) (local.get $od)) (local.get $b)) (local.get $c21))
          (v128.store (i32.add (i32.add (local.get $o3) (local.get $od)) (local.get $b)) (local.get $c30))
          (v128.store offset=16 (i32.add (i32.add (local.get $o3) (local.get $od)) (local.get $b)) (local.get $c31))))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (br $bl)))
      ;; The rows of the batch left over, one output at a time.
      (if (i32.lt_u (local.get $bv) (local.get $b1)) (then
        (call $row{S} (local.get $o0) (local.get $in) (local.get $iend) (local.get $w0) (local.get $ws) (local.get $i0) (local.get $bv) (local.get $b1) (local.get $act) (local.get $od))
        (call $row{S} (local.get $o1) (local.get $in) (local.get $iend) (local.get $w1) (local.get $ws) (local.get $i1) (local.get $bv) (local.get $b1) (local.get $act) (local.get $od))
        (call $row{S} (local.get $o2) (local.get $in) (local.get $iend) (local.get $w2) (local.get $ws) (local.get $i2) (local.get $bv) (local.get $b1) (local.get $act) (local.get $od))
        (call $row{S} (local.get $o3) (local.get $in) (local.get $iend) (local.get $w3) (local.get $ws) (local.get $i3) (local.get $bv) (local.get $b1) (local.get $act) (local.get $od))))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $jl)))
    ;; The outputs left over (fewer than 4), one at a time.
    (block $rdone (loop $rl
      (br_if $rdone (i32.ge_s (local.get $j) (local.get $nJ)))
      (local.set $a (i32.shl (local.get $j) (i32.const 2)))
      (call $row{S}
        (i32.load (i32.add (local.get $out) (local.get $a))) (local.get $in) (local.get $iend)
        (i32.load (i32.add (local.get $w) (local.get $a))) (local.get $ws)
        (if (result i32) (local.get $init) (then (i32.load (i32.add (local.get $init) (local.get $a)))) (else (i32.const 0)))
        (local.get $b0) (local.get $b1) (local.get $act) (local.get $od))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $rl))))

  ;; Σ_b p[b]·q[b] over $n bytes ($nv of them in whole vectors).
  (func $dot{S} (param $p i32) (param $q i32) (param $nv i32) (param $n i32) (result {T})
    (local $off i32) (local $c v128) (local $x {T})
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $off) (local.get $nv)))
      (local.set $c ({V}.add (local.get $c) ({V}.mul
        (v128.load (i32.add (local.get $p) (local.get $off))) (v128.load (i32.add (local.get $q) (local.get $off))))))
      (local.set $off (i32.add (local.get $off) (i32.const 16)))
      (br $l)))
    (local.set $x (call $hsum{S} (local.get $c)))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $off) (local.get $n)))
      (local.set $x ({T}.add (local.get $x) ({T}.mul
        ({T}.load (i32.add (local.get $p) (local.get $off))) ({T}.load (i32.add (local.get $q) (local.get $off))))))
      (local.set $off (i32.add (local.get $off) (i32.const {E})))
      (br $l)))
    (local.get $x))

  ;; The weight gradient of a block: G[r][k] = Σ_b dZ[r][b] · O[k][b] over the $n bytes of the batch.
  ;; $g: table of addresses of G[r][0] (consecutive k are consecutive elements); $dz: table of dZ row addresses;
  ;; $o: table of source row addresses. Register block: 2 target rows × 4 sources, 8 vector accumulators.
  (func $wg{S} (export "wg{S}") (param $g i32) (param $dz i32) (param $nT i32) (param $o i32) (param $nK i32) (param $n i32)
    (local $nv i32) (local $r i32) (local $k i32) (local $off i32) (local $d0 i32) (local $d1 i32) (local $g0 i32) (local $g1 i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $x0 v128) (local $x1 v128) (local $y v128)
    (local $a00 v128) (local $a01 v128) (local $a02 v128) (local $a03 v128) (local $a10 v128) (local $a11 v128) (local $a12 v128) (local $a13 v128)
    (local $e0 {T}) (local $e1 {T})
    (local.set $nv (i32.and (local.get $n) (i32.const -16)))
    (block $rdone (loop $rl
      (br_if $rdone (i32.gt_s (i32.add (local.get $r) (i32.const 2)) (local.get $nT)))
      (local.set $d0 (i32.load (i32.add (local.get $dz) (i32.shl (local.get $r) (i32.const 2)))))
      (local.set $d1 (i32.load offset=4 (i32.add (local.get $dz) (i32.shl (local.get $r) (i32.const 2)))))
      (local.set $g0 (i32.load (i32.add (local.get $g) (i32.shl (local.get $r) (i32.const 2)))))
      (local.set $g1 (i32.load offset=4 (i32.add (local.get $g) (i32.shl (local.get $r) (i32.const 2)))))
      (local.set $k (i32.const 0))
      (block $kdone (loop $kl
        (br_if $kdone (i32.gt_s (i32.add (local.get $k) (i32.const 4)) (local.get $nK)))
        (local.set $p0 (i32.load (i32.add (local.get $o) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $p1 (i32.load offset=4 (i32.add (local.get $o) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $p2 (i32.load offset=8 (i32.add (local.get $o) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $p3 (i32.load offset=12 (i32.add (local.get $o) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $a00 (v128.const i64x2 0 0)) (local.set $a01 (v128.const i64x2 0 0))
        (local.set $a02 (v128.const i64x2 0 0)) (local.set $a03 (v128.const i64x2 0 0))
        (local.set $a10 (v128.const i64x2 0 0)) (local.set $a11 (v128.const i64x2 0 0))
        (local.set $a12 (v128.const i64x2 0 0)) (local.set $a13 (v128.const i64x2 0 0))
        (local.set $off (i32.const 0))
        (block $bdone (loop $bl
          (br_if $bdone (i32.ge_u (local.get $off) (local.get $nv)))
          (local.set $x0 (v128.load (i32.add (local.get $d0) (local.get $off))))
          (local.set $x1 (v128.load (i32.add (local.get $d1) (local.get $off))))
          (local.set $y (v128.load (i32.add (local.get $p0) (local.get $off))))
          (local.set $a00 ({V}.add (local.get $a00) ({V}.mul (local.get $x0) (local.get $y))))
          (local.set $a10 ({V}.add (local.get $a10) ({V}.mul (local.get $x1) (local.get $y))))
          (local.set $y (v128.load (i32.add (local.get $p1) (local.get $off))))
          (local.set $a01 ({V}.add (local.get $a01) ({V}.mul (local.get $x0) (local.get $y))))
          (local.set $a11 ({V}.add (local.get $a11) ({V}.mul (local.get $x1) (local.get $y))))
          (local.set $y (v128.load (i32.add (local.get $p2) (local.get $off))))
          (local.set $a02 ({V}.add (local.get $a02) ({V}.mul (local.get $x0) (local.get $y))))
          (local.set $a12 ({V}.add (local.get $a12) ({V}.mul (local.get $x1) (local.get $y))))
          (local.set $y (v128.load (i32.add (local.get $p3) (local.get $off))))
          (local.set $a03 ({V}.add (local.get $a03) ({V}.mul (local.get $x0) (local.get $y))))
          (local.set $a13 ({V}.add (local.get $a13) ({V}.mul (local.get $x1) (local.get $y))))
          (local.set $off (i32.add (local.get $off) (i32.const 16)))
          (br $bl)))
        ;; Lanes summed; the rows of the batch past the last whole vector are added one by one.
        (local.set $e0 (call $hsum{S} (local.get $a00))) (local.set $e1 (call $hsum{S} (local.get $a10)))
        (if (i32.lt_u (local.get $nv) (local.get $n)) (then
          (local.set $e0 ({T}.add (local.get $e0) (call $dot{S} (i32.add (local.get $d0) (local.get $nv)) (i32.add (local.get $p0) (local.get $nv)) (i32.const 0) (i32.sub (local.get $n) (local.get $nv)))))
          (local.set $e1 ({T}.add (local.get $e1) (call $dot{S} (i32.add (local.get $d1) (local.get $nv)) (i32.add (local.get $p0) (local.get $nv)) (i32.const 0) (i32.sub (local.get $n) (local.get $nv)))))))
        ({T}.store (i32.add (local.get $g0) (i32.mul (local.get $k) (i32.const {E}))) (local.get $e0))
        ({T}.store (i32.add (local.get $g1) (i32.mul (local.get $k) (i32.const {E}))) (local.get $e1))
        (local.set $e0 (call $hsum{S} (local.get $a01))) (local.set $e1 (call $hsum{S} (local.get $a11)))
        (if (i32.lt_u (local.get $nv) (local.get $n)) (then
          (local.set $e0 ({T}.add (local.get $e0) (call $dot{S} (i32.add (local.get $d0) (local.get $nv)) (i32.add (local.get $p1) (local.get $nv)) (i32.const 0) (i32.sub (local.get $n) (local.get $nv)))))
          (local.set $e1 ({T}.add (local.get $e1) (call $dot{S} (i32.add (local.get $d1) (local.get $nv)) (i32.add (local.get $p1) (local.get $nv)) (i32.const 0) (i32.sub (local.get $n) (local.get $nv)))))))
        ({T}.store offset={E} (i32.add (local.get $g0) (i32.mul (local.get $k) (i32.const {E}))) (local.get $e0))
        ({T}.store offset={E} (i32.add (local.get $g1) (i32.mul (local.get $k) (i32.const {E}))) (local.get $e1))
        (local.set $e0 (call $hsum{S} (local.get $a02))) (local.set $e1 (call $hsum{S} (local.get $a12)))
        (if (i32.lt_u (local.get $nv) (local.get $n)) (then
          (local.set $e0 ({T}.add (local.get $e0) (call $dot{S} (i32.add (local.get $d0) (local.get $nv)) (i32.add (local.get $p2) (local.get $nv)) (i32.const 0) (i32.sub (local.get $n) (local.get $nv)))))
          (local.set $e1 ({T}.add (local.get $e1) (call $dot{S} (i32.add (local.get $d1) (local.get $nv)) (i32.add (local.get $p2) (local.get $nv)) (i32.const 0) (i32.sub (local.get $n) (local.get $nv)))))))
        ({T}.store offset={E2} (i32.add (local.get $g0) (i32.mul (local.get $k) (i32.const {E}))) (local.get $e0))
        ({T}.store offset={E2} (i32.add (local.get $g1) (i32.mul (local.get $k) (i32.const {E}))) (local.get $e1))
        (local.set $e0 (call $hsum{S} (local.get $a03))) (local.set $e1 (call $hsum{S} (local.get $a13)))
        (if (i32.lt_u (local.get $nv) (local.get $n)) (then
          (local.set $e0 ({T}.add (local.get $e0) (call $dot{S} (i32.add (local.get $d0) (local.get $nv)) (i32.add (local.get $p3) (local.get $nv)) (i32.const 0) (i32.sub (local.get $n) (local.get $nv)))))
          (local.set $e1 ({T}.add (local.get $e1) (call $dot{S} (i32.add (local.get $d1) (local.get $nv)) (i32.add (local.get $p3) (local.get $nv)) (i32.const 0) (i32.sub (local.get $n) (local.get $nv)))))))
        ({T}.store offset={E3} (i32.add (local.get $g0) (i32.mul (local.get $k) (i32.const {E}))) (local.get $e0))
        ({T}.store offset={E3} (i32.add (local.get $g1) (i32.mul (local.get $k) (i32.const {E}))) (local.get $e1))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $kl)))
      ;; Sources left over (fewer than 4).
      (block $kd1 (loop $kl1
        (br_if $kd1 (i32.ge_s (local.get $k) (local.get $nK)))
        (local.set $p0 (i32.load (i32.add (local.get $o) (i32.shl (local.get $k) (i32.const 2)))))
        ({T}.store (i32.add (local.get $g0) (i32.mul (local.get $k) (i32.const {E}))) (call $dot{S} (local.get $d0) (local.get $p0) (local.get $nv) (local.get $n)))
        ({T}.store (i32.add (local.get $g1) (i32.mul (local.get $k) (i32.const {E}))) (call $dot{S} (local.get $d1) (local.get $p0) (local.get $nv) (local.get $n)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $kl1)))
      (local.set $r (i32.add (local.get $r) (i32.const 2)))
      (br $rl)))
    ;; A target row left over.
    (if (i32.lt_s (local.get $r) (local.get $nT)) (then
      (local.set $d0 (i32.load (i32.add (local.get $dz) (i32.shl (local.get $r) (i32.const 2)))))
      (local.set $g0 (i32.load (i32.add (local.get $g) (i32.shl (local.get $r) (i32.const 2)))))
      (local.set $k (i32.const 0))
      (block $kd (loop $kl
        (br_if $kd (i32.ge_s (local.get $k) (local.get $nK)))
        ({T}.store (i32.add (local.get $g0) (i32.mul (local.get $k) (i32.const {E})))
          (call $dot{S} (local.get $d0) (i32.load (i32.add (local.get $o) (i32.shl (local.get $k) (i32.const 2)))) (local.get $nv) (local.get $n)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $kl))))))
  ;; The start of the backward pass of a block: each target's dZ from its dO ($mode 1 identity: dZ = dO; 2 ReLU:
  ;; dZ = z > 0 ? dO : 0; 0 an output, whose dZ the loss wrote) and its bias gradient Σ_b dZ, stored at $gb[r].
  ;; dO and Z rows sit $dod and $zd bytes from the dZ rows of table $dz.
  (func $bd{S} (export "bd{S}") (param $dz i32) (param $gb i32) (param $nT i32) (param $mode i32) (param $dod i32) (param $zd i32) (param $n i32)
    (local $r i32) (local $d i32) (local $off i32) (local $nv i32) (local $v v128) (local $c v128) (local $x {T})
    (local.set $nv (i32.and (local.get $n) (i32.const -16)))
    (block $rd (loop $rl
      (br_if $rd (i32.ge_s (local.get $r) (local.get $nT)))
      (local.set $d (i32.load (i32.add (local.get $dz) (i32.shl (local.get $r) (i32.const 2)))))
      (local.set $c (v128.const i64x2 0 0))
      (local.set $off (i32.const 0))
      (block $bd (loop $bl
        (br_if $bd (i32.ge_u (local.get $off) (local.get $nv)))
        (if (local.get $mode)
          (then
            (local.set $v (v128.load (i32.add (i32.add (local.get $d) (local.get $dod)) (local.get $off))))
            (if (i32.eq (local.get $mode) (i32.const 2)) (then
              (local.set $v (v128.and (local.get $v)
                ({V}.gt (v128.load (i32.add (i32.add (local.get $d) (local.get $zd)) (local.get $off))) (v128.const i64x2 0 0))))))
            (v128.store (i32.add (local.get $d) (local.get $off)) (local.get $v)))
          (else (local.set $v (v128.load (i32.add (local.get $d) (local.get $off))))))
        (local.set $c ({V}.add (local.get $c) (local.get $v)))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $bl)))
      (local.set $x (call $hsum{S} (local.get $c)))
      (block $bd (loop $bl
        (br_if $bd (i32.ge_u (local.get $off) (local.get $n)))
        (if (local.get $mode) (then
          ({T}.store (i32.add (local.get $d) (local.get $off))
            (select
              ({T}.load (i32.add (i32.add (local.get $d) (local.get $dod)) (local.get $off)))
              ({T}.const 0)
              (i32.or (i32.ne (local.get $mode) (i32.const 2))
                ({T}.gt ({T}.load (i32.add (i32.add (local.get $d) (local.get $zd)) (local.get $off))) ({T}.const 0)))))))
        (local.set $x ({T}.add (local.get $x) ({T}.load (i32.add (local.get $d) (local.get $off)))))
        (local.set $off (i32.add (local.get $off) (i32.const {E})))
        (br $bl)))
      ({T}.store (i32.load (i32.add (local.get $gb) (i32.shl (local.get $r) (i32.const 2)))) (local.get $x))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rl))))
;; KERNELS-END
)
