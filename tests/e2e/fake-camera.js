// A phone's camera for tests and the benchmark: getUserMedia answers with
// a canvas, streamed, which `window.__camShow(imageUrl)` paints as a
// camera at arm's length would see a screen (a grey room around it).
// Loaded with addInitScript({ path }) before the app starts.
(() => {
  const side = 480;
  const canvas = document.createElement('canvas');
  canvas.width = side;
  canvas.height = side;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#808080';
  ctx.fillRect(0, 0, side, side);
  window.__camShow = (url) =>
    new Promise((done) => {
      const img = new Image();
      img.onload = () => {
        ctx.fillStyle = '#ddd';
        ctx.fillRect(0, 0, side, side);
        ctx.drawImage(img, 30, 30, side - 60, side - 60);
        done();
      };
      img.onerror = () => done();
      img.src = url;
    });
  const devices = navigator.mediaDevices ?? (navigator.mediaDevices = {});
  devices.getUserMedia = async () => canvas.captureStream(15);
})();
