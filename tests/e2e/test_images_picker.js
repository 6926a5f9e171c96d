// test_images_picker.js - the ways into a folder that headless
// Chromium cannot drive natively: the File System Access directory picker
// (the status bar's "Open your ISIC 2020 folder" button, then Ctrl+O) and a
// folder dropped onto the page (webkitGetAsEntry entries, then
// getAsFileSystemHandle handles). tests/e2e/fake_fs.js stands in for the
// native dialog and the OS drag with trees of real File objects (the real
// folder ../shared/data/isic2020, fetched from the test server only when the
// app reads a file); the app's own picker, drop, walking and lazy-reading code
// runs on them. Each opening must load the rows and decode the thumbnails.
"use strict";
const path = require("path");
const h = require("./harness");
const { installFakeFs, diskTree, countFiles } = require("./fake_fs");

const tileMap = (s) => Object.fromEntries((s.view.tiles || []).map((t) => [t.image_name, t.status]));
const HEADER = "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target\n";
const row = (name, patient) => `${name},${patient},female,45.0,torso,unknown,benign,0\n`;

// Waits for the folder `label` to be the loaded dataset with its first patient's images settled.
const opened = (page, label, lesions, what) => h.waitState(page, (s) =>
  s.dataset.source === "folder" && s.dataset.label === label && s.dataset.lesions === lesions && !s.dataset.loading &&
  s.images.total > 0 && s.images.loading === 0, what, 60000);

h.run("images_picker", async ({ server, browser }) => {
  const page = await browser.newPage();
  const watch = h.watchErrors(page);
  await page.addInitScript(installFakeFs);  // before the app's scripts: showDirectoryPicker is the fake
  let s = await h.openApp(page, server.url);
  h.assert(s.dataset.source === "demo", "starts with the demo");
  const shared = server.url + "shared/";

  // 1. The status bar's button -> showDirectoryPicker -> the real ISIC folder.
  const isic = diskTree(path.join(h.SHARED, "isic2020"), shared + "isic2020/");
  await page.evaluate((t) => { window.__fakeFs.pick = t; }, isic);
  const t0 = Date.now();
  await h.clickRect(page, "status/open_folder");
  s = await h.waitState(page, (st) => st.dataset.label === "isic2020" && st.dataset.lesions === 33126 && !st.dataset.loading,
                        "isic2020 through the picker", 60000);
  console.log(`picker: isic2020 opened in ${Date.now() - t0} ms (${s.opening.files} files, ${s.opening.csv_rows} CSV rows)`);
  let fake = await page.evaluate(() => ({ ...window.__fakeFs.stats, picks: window.__fakeFs.picks }));
  h.assert(fake.picks === 1, "the app called showDirectoryPicker once: " + fake.picks);
  h.assert(s.dataset.source === "folder" && s.dataset.patients === 2056, "2,056 patients: " + s.dataset.patients);
  h.assert(s.opening.files === countFiles(isic) && fake.listed >= s.opening.files,
           `every file listed: ${s.opening.files} of ${countFiles(isic)} (${fake.listed} entries)`);
  h.assert(s.opening.csv_files === 4 && s.opening.csv_read === 4 && s.opening.csv_rows > 3 * 33126,
           "the four metadata CSVs read, rows counted: " + JSON.stringify(s.opening));
  // Images are read lazily: at most the first patient's two. Every CSV may be read once:
  // the four metadata files, and the others to see whether they are classifier predictions.
  const csvReads = fake.names.filter((n) => /\.csv$/i.test(n));
  const imageReads = fake.names.filter((n) => !/\.csv$/i.test(n));
  console.log(`picker: read ${csvReads.length} CSVs and ${imageReads.length} images`);
  h.assert(imageReads.length <= 2, "only the first patient's images were read: " + JSON.stringify(imageReads));
  h.assert(new Set(csvReads).size === csvReads.length, "no CSV read twice: " + JSON.stringify(csvReads));
  await page.evaluate(() => { location.hash = "patient=IP_7279968"; });
  s = await h.waitState(page, (st) => st.view.patient === "IP_7279968" && st.images.total === 115 && st.images.loading === 0,
                        "IP_7279968's images", 60000);
  let tiles = tileMap(s);
  h.assert(tiles.ISIC_0078703 === "ready" && tiles.ISIC_2637011 === "ready", "thumbnails from the picked folder: " +
           JSON.stringify(s.images).slice(0, 400));
  h.assert(s.images.failed === 113 && /no file ISIC_\d+\.jpg/.test(Object.values(s.images.errors)[0]),
           "the others are missing with a reason");

  // 2. A folder dropped as FileSystemEntry objects (Kaggle layout: jpeg/train/,
  //    an upper-case .JPG, a DICOM-only image, a row without a file).
  const kaggle = { name: "kaggle_copy", dir: [
    { name: "train.csv", text: HEADER + row("ISIC_0015719", "IP_DROP") + row("ISIC_0052212", "IP_DROP") + row("ISIC_0000001", "IP_DROP") },
    { name: "jpeg", dir: [{ name: "train", dir: [{ name: "ISIC_0015719.JPG", url: shared + "isic2020/images/ISIC_0015719.jpg" }] }] },
    { name: "train", dir: [{ name: "ISIC_0052212.dcm", url: shared + "other/dicom/ISIC_0052212.dcm" }] },
  ] };
  await page.evaluate((t) => window.__fakeFs.drop(t, "entry"), kaggle);
  s = await opened(page, "kaggle_copy", 3, "the folder dropped as entries");
  tiles = tileMap(s);
  h.assert(tiles.ISIC_0015719 === "ready" && tiles.ISIC_0052212 === "ready", "JPEG + DICOM from the dropped tree: " + JSON.stringify(s.images));
  h.assert(tiles.ISIC_0000001 === "missing", "row without a file is missing");
  h.assert(s.opening.files === 3, "3 files seen: " + JSON.stringify(s.opening));

  // 3. A folder dropped as FileSystemDirectoryHandle (getAsFileSystemHandle).
  const handles = { name: "handle_copy", dir: [
    { name: "meta", dir: [{ name: "train.csv", text: HEADER + row("ISIC_0078703", "IP_HANDLE") + row("ISIC_2637011", "IP_HANDLE") }] },
    { name: "images", dir: ["ISIC_0078703", "ISIC_2637011"].map((n) => ({ name: n + ".jpg", url: shared + "isic2020/images/" + n + ".jpg" })) },
  ] };
  await page.evaluate((t) => window.__fakeFs.drop(t, "handle"), handles);
  s = await opened(page, "handle_copy", 2, "the folder dropped as handles");
  tiles = tileMap(s);
  h.assert(tiles.ISIC_0078703 === "ready" && tiles.ISIC_2637011 === "ready", "thumbnails from the dropped handles: " + JSON.stringify(s.images));

  // 4. Ctrl+O -> the picker again (handled inside the key event: a user gesture).
  const small = { name: "ctrl_o_copy", dir: [
    { name: "train.csv", text: HEADER + row("ISIC_0052212", "IP_CTRL") },
    { name: "ISIC_0052212.jpg", url: shared + "isic2020/images/ISIC_0052212.jpg" },
  ] };
  await page.evaluate((t) => { window.__fakeFs.pick = t; }, small);
  await new Promise((r) => setTimeout(r, 1600));  // the page ignores a second picker request within 1.5 s
  await page.focus("#canvas");
  await page.keyboard.press("Control+O");
  s = await opened(page, "ctrl_o_copy", 1, "the folder picked with Ctrl+O");
  fake = await page.evaluate(() => window.__fakeFs.picks);
  h.assert(fake === 2, "Ctrl+O opened the picker once: " + fake);
  h.assert(tileMap(s).ISIC_0052212 === "ready", "thumbnail after Ctrl+O: " + JSON.stringify(s.images));
  await h.screenshot(page, "images_picker");
  watch.check();
});
