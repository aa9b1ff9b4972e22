// The material viewer (issue 24): PDF pages drawn with the vendored pdf.js (wwwroot/lib/pdfjs), on the session's cookie.
// One loaded document per canvas id; the page, zoom and rotation come from the Blazor component.
const documents = new Map();
let pdfjs;

async function library() {
    if (!pdfjs) {
        pdfjs = await import("/lib/pdfjs/pdf.min.mjs");
        pdfjs.GlobalWorkerOptions.workerSrc = "/lib/pdfjs/pdf.worker.min.mjs";
    }
    return pdfjs;
}

// Draws one page; answers the document's page count (0 when it could not be read).
export async function renderPdf(canvasId, url, page, scale, rotation) {
    const canvas = document.getElementById(canvasId);
    if (!canvas) {
        return 0;
    }
    let entry = documents.get(canvasId);
    if (!entry || entry.url !== url) {
        entry?.doc?.destroy();
        const lib = await library();
        const doc = await lib.getDocument({ url, withCredentials: true, isEvalSupported: false }).promise;
        entry = { url, doc };
        documents.set(canvasId, entry);
    }
    const pdfPage = await entry.doc.getPage(Math.min(Math.max(page, 1), entry.doc.numPages));
    const viewport = pdfPage.getViewport({ scale, rotation: (pdfPage.rotate + rotation) % 360 });
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.style.width = `${Math.floor(viewport.width)}px`;
    canvas.style.height = `${Math.floor(viewport.height)}px`;
    await pdfPage.render({ canvas, canvasContext: canvas.getContext("2d"), viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : null }).promise;
    canvas.dataset.rendered = `${page}`;
    return entry.doc.numPages;
}

export function forget(canvasId) {
    documents.get(canvasId)?.doc?.destroy();
    documents.delete(canvasId);
}
