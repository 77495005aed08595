/** What an empty canvas says: how to start a network. */
export function EmptyCanvasHint() {
  return (
    <div className="canvas__empty">
      <div className="canvas__empty-title">Start a network</div>
      <div>Drag an <b>Input</b>, <b>Hidden</b> or <b>Output</b> neuron from the palette onto the canvas,</div>
      <div>then drag from a neuron's right handle to another neuron to connect them.</div>
      <div className="canvas__empty-legend">Switch the overlay to Weights or Contributions to colour the synapses.</div>
    </div>
  );
}
