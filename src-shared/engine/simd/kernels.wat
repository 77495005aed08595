;; Dense-block kernels of the engine in WebAssembly SIMD128. `.config/build-wasm.mjs` assembles this file with wabt
;; into kernels-wasm.ts (base64). The body between the KERNELS markers is a template written once and expanded
;; per precision: {S} function suffix (_f64 / _f32), {T} scalar type, {V} vector shape (f64x2 / f32x4),
;; {E} bytes per element, {SPLAT} the load-and-splat of one element, ({MADD} c a b) the multiply-add c + a·b.
;;
;; The file is assembled twice. The plain module spells ({MADD} c a b) as ({V}.add c ({V}.mul a b)). The relaxed
;; module (for engines with relaxed SIMD) spells it f32x4.relaxed_madd in float32, a fused multiply-add on hardware
;; with FMA; its float64 functions are the plain ones, so float64 results are the same bits in either module.
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
        (local.set $c0 ({MADD} (local.get $c0) (local.get $s) (v128.load (local.get $a))))
        (local.set $c1 ({MADD} (local.get $c1) (local.get $s) (v128.load offset=16 (local.get $a))))
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
        (local.set $c0 ({MADD} (local.get $c0)
          ({SPLAT} (local.get $wo)) (v128.load (i32.add (i32.load (local.get $ip)) (local.get $b)))))
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
          (local.set $c00 ({MADD} (local.get $c00) (local.get $s) (local.get $x0)))
          (local.set $c01 ({MADD} (local.get $c01) (local.get $s) (local.get $x1)))
          (local.set $s ({SPLAT} (i32.add (local.get $w1) (local.get $wo))))
          (local.set $c10 ({MADD} (local.get $c10) (local.get $s) (local.get $x0)))
          (local.set $c11 ({MADD} (local.get $c11) (local.get $s) (local.get $x1)))
          (local.set $s ({SPLAT} (i32.add (local.get $w2) (local.get $wo))))
          (local.set $c20 ({MADD} (local.get $c20) (local.get $s) (local.get $x0)))
          (local.set $c21 ({MADD} (local.get $c21) (local.get $s) (local.get $x1)))
          (local.set $s ({SPLAT} (i32.add (local.get $w3) (local.get $wo))))
          (local.set $c30 ({MADD} (local.get $c30) (local.get $s) (local.get $x0)))
          (local.set $c31 ({MADD} (local.get $c31) (local.get $s) (local.get $x1)))
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
          (local.set $a00 ({MADD} (local.get $a00) (local.get $x0) (local.get $y)))
          (local.set $a10 ({MADD} (local.get $a10) (local.get $x1) (local.get $y)))
          (local.set $y (v128.load (i32.add (local.get $p1) (local.get $off))))
          (local.set $a01 ({MADD} (local.get $a01) (local.get $x0) (local.get $y)))
          (local.set $a11 ({MADD} (local.get $a11) (local.get $x1) (local.get $y)))
          (local.set $y (v128.load (i32.add (local.get $p2) (local.get $off))))
          (local.set $a02 ({MADD} (local.get $a02) (local.get $x0) (local.get $y)))
          (local.set $a12 ({MADD} (local.get $a12) (local.get $x1) (local.get $y)))
          (local.set $y (v128.load (i32.add (local.get $p3) (local.get $off))))
          (local.set $a03 ({MADD} (local.get $a03) (local.get $x0) (local.get $y)))
          (local.set $a13 ({MADD} (local.get $a13) (local.get $x1) (local.get $y)))
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

;; Float32 only: the dense-layer path of the forward pass (batch inference and float32 training), for a block whose
;; sources are consecutive neurons and whose targets are too, so every address is a base plus a multiple of the row
;; stride and no table is read in the inner loops. The multiply-adds are fused in the relaxed module here too.

  ;; Packs the weights of a block for $dn: the rows in groups of 4, each group as [source i][4 rows], so the 4 weights
  ;; of one source sit in 16 bytes and load by constant offsets from one pointer. Rows past the last whole group keep
  ;; their row-major order. $src: W[0][0] (row-major [row][source]); $nJ rows, $nI sources.
  (func $pk_f32 (export "pk_f32") (param $dst i32) (param $src i32) (param $nJ i32) (param $nI i32)
    (local $g i32) (local $i i32) (local $r i32) (local $rowB i32)
    (local.set $rowB (i32.shl (local.get $nI) (i32.const 2)))
    (block $gd (loop $gl
      (br_if $gd (i32.gt_s (i32.add (local.get $g) (i32.const 4)) (local.get $nJ)))
      (local.set $i (i32.const 0))
      (block $id (loop $il
        (br_if $id (i32.ge_s (local.get $i) (local.get $nI)))
        (local.set $r (i32.add (local.get $src) (i32.add (i32.mul (local.get $g) (local.get $rowB)) (i32.shl (local.get $i) (i32.const 2)))))
        (f32.store (local.get $dst) (f32.load (local.get $r)))
        (f32.store offset=4 (local.get $dst) (f32.load (i32.add (local.get $r) (local.get $rowB))))
        (f32.store offset=8 (local.get $dst) (f32.load (i32.add (local.get $r) (i32.shl (local.get $rowB) (i32.const 1)))))
        (f32.store offset=12 (local.get $dst) (f32.load (i32.add (local.get $r) (i32.mul (local.get $rowB) (i32.const 3)))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $il)))
      (local.set $g (i32.add (local.get $g) (i32.const 4)))
      (br $gl)))
    (memory.copy (local.get $dst) (i32.add (local.get $src) (i32.mul (local.get $g) (local.get $rowB)))
      (i32.mul (i32.sub (local.get $nJ) (local.get $g)) (local.get $rowB))))

  ;; z[j][b] = bias_j + Σ_i W[j][i] · in[i][b] for the $nJ targets of a dense block, b (bytes) in [b0, b1), b1 − b0 a
  ;; multiple of 32; the activated value ($act 1 identity, 2 ReLU) is stored $od bytes further on (O beside Z).
  ;; $z: target 0's Z row; $in: source 0's O row; rows are $row bytes apart; $wp: the weights packed by $pk_f32;
  ;; $bias: target 0's bias (consecutive). Register block: 4 targets × 2 vectors (8 accumulators) per pass over the
  ;; sources; a target past the last group of 4 runs 1 × 2 with the sum over sources split in two chains.
  ;; $scr: scratch for the sources' part [b0, b1), or 0. With it the sources are first copied there, rows b1 − b0 + 64
  ;; bytes apart: the batch rows of neurons are often 4 KiB apart (1024 float32 rows), so the inner loop's loads of one
  ;; batch vector from every source would all fall in one L1 cache set and miss; the copy spreads them.
  (func $dn_f32 (export "dn_f32") (param $z i32) (param $in i32) (param $wp i32) (param $bias i32) (param $nJ i32) (param $nI i32) (param $row i32) (param $b0 i32) (param $b1 i32) (param $act i32) (param $od i32) (param $scr i32)
    (local $j i32) (local $b i32) (local $ip i32) (local $iend i32) (local $wq i32) (local $zo i32) (local $half i32) (local $irow i32)
    (local $x0 v128) (local $x1 v128) (local $s v128) (local $zero v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $irow (local.get $row))
    (if (local.get $scr) (then
      (local.set $irow (i32.add (i32.sub (local.get $b1) (local.get $b0)) (i32.const 64)))
      (local.set $ip (i32.add (local.get $in) (local.get $b0)))
      (local.set $zo (local.get $scr))
      (local.set $iend (i32.add (local.get $scr) (i32.mul (local.get $nI) (local.get $irow))))
      (block $cd (loop $cl
        (br_if $cd (i32.ge_u (local.get $zo) (local.get $iend)))
        (local.set $b (i32.const 0))
        (block $vd (loop $vl
          (br_if $vd (i32.ge_u (local.get $b) (i32.sub (local.get $b1) (local.get $b0))))
          (v128.store (i32.add (local.get $zo) (local.get $b)) (v128.load (i32.add (local.get $ip) (local.get $b))))
          (v128.store offset=16 (i32.add (local.get $zo) (local.get $b)) (v128.load offset=16 (i32.add (local.get $ip) (local.get $b))))
          (local.set $b (i32.add (local.get $b) (i32.const 32)))
          (br $vl)))
        (local.set $zo (i32.add (local.get $zo) (local.get $irow)))
        (local.set $ip (i32.add (local.get $ip) (local.get $row)))
        (br $cl)))
      ;; Source i's row b now sits at $in + b + i·$irow.
      (local.set $in (i32.sub (local.get $scr) (local.get $b0)))))
    (local.set $iend (i32.add (local.get $in) (i32.mul (local.get $nI) (local.get $irow))))
    (block $jdone (loop $jl
      (br_if $jdone (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $nJ)))
      (local.set $b (local.get $b0))
      (block $bdone (loop $bl
        (br_if $bdone (i32.ge_u (local.get $b) (local.get $b1)))
        (local.set $c00 (v128.load32_splat (local.get $bias))) (local.set $c01 (local.get $c00))
        (local.set $c10 (v128.load32_splat offset=4 (local.get $bias))) (local.set $c11 (local.get $c10))
        (local.set $c20 (v128.load32_splat offset=8 (local.get $bias))) (local.set $c21 (local.get $c20))
        (local.set $c30 (v128.load32_splat offset=12 (local.get $bias))) (local.set $c31 (local.get $c30))
        (local.set $ip (i32.add (local.get $in) (local.get $b)))
        (local.set $wq (local.get $wp))
        (block $idone (loop $il
          (local.set $x0 (v128.load (local.get $ip)))
          (local.set $x1 (v128.load offset=16 (local.get $ip)))
          (local.set $s (v128.load32_splat (local.get $wq)))
          (local.set $c00 ({MADD} (local.get $c00) (local.get $s) (local.get $x0)))
          (local.set $c01 ({MADD} (local.get $c01) (local.get $s) (local.get $x1)))
          (local.set $s (v128.load32_splat offset=4 (local.get $wq)))
          (local.set $c10 ({MADD} (local.get $c10) (local.get $s) (local.get $x0)))
          (local.set $c11 ({MADD} (local.get $c11) (local.get $s) (local.get $x1)))
          (local.set $s (v128.load32_splat offset=8 (local.get $wq)))
          (local.set $c20 ({MADD} (local.get $c20) (local.get $s) (local.get $x0)))
          (local.set $c21 ({MADD} (local.get $c21) (local.get $s) (local.get $x1)))
          (local.set $s (v128.load32_splat offset=12 (local.get $wq)))
          (local.set $c30 ({MADD} (local.get $c30) (local.get $s) (local.get $x0)))
          (local.set $c31 ({MADD} (local.get $c31) (local.get $s) (local.get $x1)))
          (local.set $wq (i32.add (local.get $wq) (i32.const 16)))
          (local.set $ip (i32.add (local.get $ip) (local.get $irow)))
          (br_if $il (i32.lt_u (local.get $ip) (i32.add (local.get $iend) (local.get $b))))))
        (local.set $zo (i32.add (local.get $z) (local.get $b)))
        (v128.store (local.get $zo) (local.get $c00))
        (v128.store offset=16 (local.get $zo) (local.get $c01))
        (local.set $zo (i32.add (local.get $zo) (local.get $row)))
        (v128.store (local.get $zo) (local.get $c10))
        (v128.store offset=16 (local.get $zo) (local.get $c11))
        (local.set $zo (i32.add (local.get $zo) (local.get $row)))
        (v128.store (local.get $zo) (local.get $c20))
        (v128.store offset=16 (local.get $zo) (local.get $c21))
        (local.set $zo (i32.add (local.get $zo) (local.get $row)))
        (v128.store (local.get $zo) (local.get $c30))
        (v128.store offset=16 (local.get $zo) (local.get $c31))
        (if (i32.eq (local.get $act) (i32.const 2)) (then
          ;; ReLU: z > 0 ? z : 0 (NaN and -0 give +0, as everywhere in the engine).
          (local.set $c00 (v128.and (local.get $c00) (f32x4.gt (local.get $c00) (local.get $zero))))
          (local.set $c01 (v128.and (local.get $c01) (f32x4.gt (local.get $c01) (local.get $zero))))
          (local.set $c10 (v128.and (local.get $c10) (f32x4.gt (local.get $c10) (local.get $zero))))
          (local.set $c11 (v128.and (local.get $c11) (f32x4.gt (local.get $c11) (local.get $zero))))
          (local.set $c20 (v128.and (local.get $c20) (f32x4.gt (local.get $c20) (local.get $zero))))
          (local.set $c21 (v128.and (local.get $c21) (f32x4.gt (local.get $c21) (local.get $zero))))
          (local.set $c30 (v128.and (local.get $c30) (f32x4.gt (local.get $c30) (local.get $zero))))
          (local.set $c31 (v128.and (local.get $c31) (f32x4.gt (local.get $c31) (local.get $zero))))))
        (if (local.get $act) (then
          (local.set $zo (i32.add (i32.add (local.get $z) (local.get $od)) (local.get $b)))
          (v128.store (local.get $zo) (local.get $c00))
          (v128.store offset=16 (local.get $zo) (local.get $c01))
          (local.set $zo (i32.add (local.get $zo) (local.get $row)))
          (v128.store (local.get $zo) (local.get $c10))
          (v128.store offset=16 (local.get $zo) (local.get $c11))
          (local.set $zo (i32.add (local.get $zo) (local.get $row)))
          (v128.store (local.get $zo) (local.get $c20))
          (v128.store offset=16 (local.get $zo) (local.get $c21))
          (local.set $zo (i32.add (local.get $zo) (local.get $row)))
          (v128.store (local.get $zo) (local.get $c30))
          (v128.store offset=16 (local.get $zo) (local.get $c31))))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (br $bl)))
      (local.set $z (i32.add (local.get $z) (i32.shl (local.get $row) (i32.const 2))))
      (local.set $bias (i32.add (local.get $bias) (i32.const 16)))
      (local.set $wp (i32.add (local.get $wp) (i32.shl (local.get $nI) (i32.const 4))))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $jl)))
    ;; Targets left over (fewer than 4), row-major weights: even and odd sources in separate accumulators.
    (local.set $half (i32.and (local.get $nI) (i32.const -2)))
    (block $rdone (loop $rl
      (br_if $rdone (i32.ge_s (local.get $j) (local.get $nJ)))
      (local.set $b (local.get $b0))
      (block $bdone (loop $bl
        (br_if $bdone (i32.ge_u (local.get $b) (local.get $b1)))
        (local.set $c00 (v128.load32_splat (local.get $bias))) (local.set $c01 (local.get $c00))
        (local.set $c10 (local.get $zero)) (local.set $c11 (local.get $zero))
        (local.set $ip (i32.add (local.get $in) (local.get $b)))
        (local.set $wq (local.get $wp))
        (local.set $iend (i32.add (local.get $wp) (i32.shl (local.get $half) (i32.const 2))))
        (block $idone (loop $il
          (br_if $idone (i32.ge_u (local.get $wq) (local.get $iend)))
          (local.set $s (v128.load32_splat (local.get $wq)))
          (local.set $c00 ({MADD} (local.get $c00) (local.get $s) (v128.load (local.get $ip))))
          (local.set $c01 ({MADD} (local.get $c01) (local.get $s) (v128.load offset=16 (local.get $ip))))
          (local.set $ip (i32.add (local.get $ip) (local.get $irow)))
          (local.set $s (v128.load32_splat offset=4 (local.get $wq)))
          (local.set $c10 ({MADD} (local.get $c10) (local.get $s) (v128.load (local.get $ip))))
          (local.set $c11 ({MADD} (local.get $c11) (local.get $s) (v128.load offset=16 (local.get $ip))))
          (local.set $ip (i32.add (local.get $ip) (local.get $irow)))
          (local.set $wq (i32.add (local.get $wq) (i32.const 8)))
          (br $il)))
        (if (i32.ne (local.get $half) (local.get $nI)) (then
          (local.set $s (v128.load32_splat (local.get $wq)))
          (local.set $c00 ({MADD} (local.get $c00) (local.get $s) (v128.load (local.get $ip))))
          (local.set $c01 ({MADD} (local.get $c01) (local.get $s) (v128.load offset=16 (local.get $ip))))))
        (local.set $c00 (f32x4.add (local.get $c00) (local.get $c10)))
        (local.set $c01 (f32x4.add (local.get $c01) (local.get $c11)))
        (local.set $zo (i32.add (local.get $z) (local.get $b)))
        (v128.store (local.get $zo) (local.get $c00))
        (v128.store offset=16 (local.get $zo) (local.get $c01))
        (if (i32.eq (local.get $act) (i32.const 2)) (then
          (local.set $c00 (v128.and (local.get $c00) (f32x4.gt (local.get $c00) (local.get $zero))))
          (local.set $c01 (v128.and (local.get $c01) (f32x4.gt (local.get $c01) (local.get $zero))))))
        (if (local.get $act) (then
          (v128.store (i32.add (local.get $zo) (local.get $od)) (local.get $c00))
          (v128.store offset=16 (i32.add (local.get $zo) (local.get $od)) (local.get $c01))))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (br $bl)))
      (local.set $z (i32.add (local.get $z) (local.get $row)))
      (local.set $bias (i32.add (local.get $bias) (i32.const 4)))
      (local.set $wp (i32.add (local.get $wp) (i32.shl (local.get $nI) (i32.const 2))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $rl))))

  ;; e^x for 4 lanes (Cephes expf: x = n·ln2 + r, |r| ≤ ln2/2, a degree-7 polynomial, 2^n built in the exponent bits);
  ;; relative error about 1e-7 for x in [-87, 88]; below that 2^-126 (the softmax's exponents are all ≤ 0), NaN stays NaN.
  (func $exp4 (param $x v128) (result v128)
    (local $n v128) (local $r v128) (local $p v128)
    (local.set $x (f32x4.min (f32x4.max (local.get $x) (f32x4.splat (f32.const -87.33))) (f32x4.splat (f32.const 88.37))))
    (local.set $n (f32x4.nearest (f32x4.mul (local.get $x) (f32x4.splat (f32.const 1.44269504088896341)))))
    (local.set $r (f32x4.sub (f32x4.sub (local.get $x) (f32x4.mul (local.get $n) (f32x4.splat (f32.const 0.693359375))))
      (f32x4.mul (local.get $n) (f32x4.splat (f32.const -2.12194440e-4)))))
    (local.set $p (f32x4.splat (f32.const 1.9875691500e-4)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 1.3981999507e-3))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 8.3334519073e-3))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 4.1665795894e-2))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 1.6666665459e-1))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 5.0000001201e-1))))
    (local.set $p (f32x4.add (f32x4.add (f32x4.mul (f32x4.mul (local.get $p) (local.get $r)) (local.get $r)) (local.get $r)) (f32x4.splat (f32.const 1))))
    (f32x4.mul (local.get $p)
      (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $n)) (i32x4.splat (i32.const 127))) (i32.const 23))))

  ;; Softmax over a group of $m consecutive neurons for b (bytes) in [b0, b1), b1 − b0 a multiple of 16:
  ;; o = e^(z − max z) / Σ e^(z − max z), from the Z rows at $z ($row bytes apart) into the O rows $od bytes further on.
  (func $sm_f32 (export "sm_f32") (param $z i32) (param $m i32) (param $row i32) (param $b0 i32) (param $b1 i32) (param $od i32)
    (local $b i32) (local $p i32) (local $end i32) (local $mx v128) (local $e v128) (local $sum v128)
    (local.set $b (local.get $b0))
    (block $bd (loop $bl
      (br_if $bd (i32.ge_u (local.get $b) (local.get $b1)))
      (local.set $p (i32.add (local.get $z) (local.get $b)))
      (local.set $end (i32.add (local.get $p) (i32.mul (local.get $m) (local.get $row))))
      (local.set $mx (f32x4.splat (f32.const -inf)))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $mx (f32x4.max (local.get $mx) (v128.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (local.get $row)))
        (br $l)))
      (local.set $p (i32.add (local.get $z) (local.get $b)))
      (local.set $sum (v128.const i64x2 0 0))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $e (call $exp4 (f32x4.sub (v128.load (local.get $p)) (local.get $mx))))
        (v128.store (i32.add (local.get $p) (local.get $od)) (local.get $e))
        (local.set $sum (f32x4.add (local.get $sum) (local.get $e)))
        (local.set $p (i32.add (local.get $p) (local.get $row)))
        (br $l)))
      (local.set $sum (f32x4.div (f32x4.splat (f32.const 1)) (local.get $sum)))
      (local.set $p (i32.add (i32.add (local.get $z) (local.get $b)) (local.get $od)))
      (local.set $end (i32.add (local.get $end) (local.get $od)))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $p) (local.get $end)))
        (v128.store (local.get $p) (f32x4.mul (v128.load (local.get $p)) (local.get $sum)))
        (local.set $p (i32.add (local.get $p) (local.get $row)))
        (br $l)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (br $bl))))

  ;; Inputs: $n rows of $nIn float64 values, row-major at $src, into the float32 rows of consecutive input neurons
  ;; (O at $o, $row bytes apart) and the same values into their Z rows $zd bytes away, so the batch is converted
  ;; to float32 once, in one pass. Sixteen batch rows at a time, so the stores write whole cache lines (the rows of
  ;; neurons are often 4 KiB apart, where partial lines would be evicted before they are completed), then 4, then 1.
  (func $ld_f32 (export "ld_f32") (param $o i32) (param $src i32) (param $nIn i32) (param $n i32) (param $row i32) (param $zd i32)
    (local $k i32) (local $b i32) (local $dst i32) (local $sp i32) (local $v f32) (local $srow i32) (local $q v128)
    (local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128)
    (local $sp0 i32)
    (local $sp1 i32)
    (local $sp2 i32)
    (local $sp3 i32)
    (local $sp4 i32)
    (local $sp5 i32)
    (local $sp6 i32)
    (local $sp7 i32)
    (local $sp8 i32)
    (local $sp9 i32)
    (local $sp10 i32)
    (local $sp11 i32)
    (local $sp12 i32)
    (local $sp13 i32)
    (local $sp14 i32)
    (local $sp15 i32)
    (local.set $srow (i32.shl (local.get $nIn) (i32.const 3)))
    (block $bd (loop $bl
      (br_if $bd (i32.gt_u (i32.add (local.get $b) (i32.const 16)) (local.get $n)))
      (local.set $sp0 (i32.add (local.get $src) (i32.mul (local.get $b) (local.get $srow))))
      (local.set $sp1 (i32.add (local.get $sp0) (local.get $srow)))
      (local.set $sp2 (i32.add (local.get $sp1) (local.get $srow)))
      (local.set $sp3 (i32.add (local.get $sp2) (local.get $srow)))
      (local.set $sp4 (i32.add (local.get $sp3) (local.get $srow)))
      (local.set $sp5 (i32.add (local.get $sp4) (local.get $srow)))
      (local.set $sp6 (i32.add (local.get $sp5) (local.get $srow)))
      (local.set $sp7 (i32.add (local.get $sp6) (local.get $srow)))
      (local.set $sp8 (i32.add (local.get $sp7) (local.get $srow)))
      (local.set $sp9 (i32.add (local.get $sp8) (local.get $srow)))
      (local.set $sp10 (i32.add (local.get $sp9) (local.get $srow)))
      (local.set $sp11 (i32.add (local.get $sp10) (local.get $srow)))
      (local.set $sp12 (i32.add (local.get $sp11) (local.get $srow)))
      (local.set $sp13 (i32.add (local.get $sp12) (local.get $srow)))
      (local.set $sp14 (i32.add (local.get $sp13) (local.get $srow)))
      (local.set $sp15 (i32.add (local.get $sp14) (local.get $srow)))
      (local.set $dst (i32.add (local.get $o) (i32.shl (local.get $b) (i32.const 2))))
      (local.set $k (i32.const 0))
      (block $kd (loop $kl
        (br_if $kd (i32.ge_u (local.get $k) (local.get $nIn)))
        (local.set $q0 (f32x4.splat (f32.demote_f64 (f64.load (local.get $sp0)))))
        (local.set $q0 (f32x4.replace_lane 1 (local.get $q0) (f32.demote_f64 (f64.load (local.get $sp1)))))
        (local.set $q0 (f32x4.replace_lane 2 (local.get $q0) (f32.demote_f64 (f64.load (local.get $sp2)))))
        (local.set $q0 (f32x4.replace_lane 3 (local.get $q0) (f32.demote_f64 (f64.load (local.get $sp3)))))
        (local.set $q1 (f32x4.splat (f32.demote_f64 (f64.load (local.get $sp4)))))
        (local.set $q1 (f32x4.replace_lane 1 (local.get $q1) (f32.demote_f64 (f64.load (local.get $sp5)))))
        (local.set $q1 (f32x4.replace_lane 2 (local.get $q1) (f32.demote_f64 (f64.load (local.get $sp6)))))
        (local.set $q1 (f32x4.replace_lane 3 (local.get $q1) (f32.demote_f64 (f64.load (local.get $sp7)))))
        (local.set $q2 (f32x4.splat (f32.demote_f64 (f64.load (local.get $sp8)))))
        (local.set $q2 (f32x4.replace_lane 1 (local.get $q2) (f32.demote_f64 (f64.load (local.get $sp9)))))
        (local.set $q2 (f32x4.replace_lane 2 (local.get $q2) (f32.demote_f64 (f64.load (local.get $sp10)))))
        (local.set $q2 (f32x4.replace_lane 3 (local.get $q2) (f32.demote_f64 (f64.load (local.get $sp11)))))
        (local.set $q3 (f32x4.splat (f32.demote_f64 (f64.load (local.get $sp12)))))
        (local.set $q3 (f32x4.replace_lane 1 (local.get $q3) (f32.demote_f64 (f64.load (local.get $sp13)))))
        (local.set $q3 (f32x4.replace_lane 2 (local.get $q3) (f32.demote_f64 (f64.load (local.get $sp14)))))
        (local.set $q3 (f32x4.replace_lane 3 (local.get $q3) (f32.demote_f64 (f64.load (local.get $sp15)))))
        (v128.store (local.get $dst) (local.get $q0))
        (v128.store offset=16 (local.get $dst) (local.get $q1))
        (v128.store offset=32 (local.get $dst) (local.get $q2))
        (v128.store offset=48 (local.get $dst) (local.get $q3))
        (local.set $sp (i32.add (local.get $dst) (local.get $zd)))
        (v128.store (local.get $sp) (local.get $q0))
        (v128.store offset=16 (local.get $sp) (local.get $q1))
        (v128.store offset=32 (local.get $sp) (local.get $q2))
        (v128.store offset=48 (local.get $sp) (local.get $q3))
        (local.set $sp0 (i32.add (local.get $sp0) (i32.const 8)))
        (local.set $sp1 (i32.add (local.get $sp1) (i32.const 8)))
        (local.set $sp2 (i32.add (local.get $sp2) (i32.const 8)))
        (local.set $sp3 (i32.add (local.get $sp3) (i32.const 8)))
        (local.set $sp4 (i32.add (local.get $sp4) (i32.const 8)))
        (local.set $sp5 (i32.add (local.get $sp5) (i32.const 8)))
        (local.set $sp6 (i32.add (local.get $sp6) (i32.const 8)))
        (local.set $sp7 (i32.add (local.get $sp7) (i32.const 8)))
        (local.set $sp8 (i32.add (local.get $sp8) (i32.const 8)))
        (local.set $sp9 (i32.add (local.get $sp9) (i32.const 8)))
        (local.set $sp10 (i32.add (local.get $sp10) (i32.const 8)))
        (local.set $sp11 (i32.add (local.get $sp11) (i32.const 8)))
        (local.set $sp12 (i32.add (local.get $sp12) (i32.const 8)))
        (local.set $sp13 (i32.add (local.get $sp13) (i32.const 8)))
        (local.set $sp14 (i32.add (local.get $sp14) (i32.const 8)))
        (local.set $sp15 (i32.add (local.get $sp15) (i32.const 8)))
        (local.set $dst (i32.add (local.get $dst) (local.get $row)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $kl)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (br $bl)))
    (block $bd (loop $bl
      (br_if $bd (i32.gt_u (i32.add (local.get $b) (i32.const 4)) (local.get $n)))
      (local.set $sp (i32.add (local.get $src) (i32.mul (local.get $b) (local.get $srow))))
      (local.set $dst (i32.add (local.get $o) (i32.shl (local.get $b) (i32.const 2))))
      (local.set $k (i32.const 0))
      (block $kd (loop $kl
        (br_if $kd (i32.ge_u (local.get $k) (local.get $nIn)))
        (local.set $q (f32x4.splat (f32.demote_f64 (f64.load (local.get $sp)))))
        (local.set $q (f32x4.replace_lane 1 (local.get $q) (f32.demote_f64 (f64.load (i32.add (local.get $sp) (local.get $srow))))))
        (local.set $q (f32x4.replace_lane 2 (local.get $q) (f32.demote_f64 (f64.load (i32.add (local.get $sp) (i32.shl (local.get $srow) (i32.const 1)))))))
        (local.set $q (f32x4.replace_lane 3 (local.get $q) (f32.demote_f64 (f64.load (i32.add (local.get $sp) (i32.mul (local.get $srow) (i32.const 3)))))))
        (v128.store (local.get $dst) (local.get $q))
        (v128.store (i32.add (local.get $dst) (local.get $zd)) (local.get $q))
        (local.set $sp (i32.add (local.get $sp) (i32.const 8)))
        (local.set $dst (i32.add (local.get $dst) (local.get $row)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $kl)))
      (local.set $b (i32.add (local.get $b) (i32.const 4)))
      (br $bl)))
    ;; The rows after the last group of 4.
    (block $bd (loop $bl
      (br_if $bd (i32.ge_u (local.get $b) (local.get $n)))
      (local.set $sp (i32.add (local.get $src) (i32.mul (local.get $b) (local.get $srow))))
      (local.set $dst (i32.add (local.get $o) (i32.shl (local.get $b) (i32.const 2))))
      (local.set $k (i32.const 0))
      (block $kd (loop $kl
        (br_if $kd (i32.ge_u (local.get $k) (local.get $nIn)))
        (local.set $v (f32.demote_f64 (f64.load (local.get $sp))))
        (f32.store (local.get $dst) (local.get $v))
        (f32.store (i32.add (local.get $dst) (local.get $zd)) (local.get $v))
        (local.set $sp (i32.add (local.get $sp) (i32.const 8)))
        (local.set $dst (i32.add (local.get $dst) (local.get $row)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $kl)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $bl))))
)
