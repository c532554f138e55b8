import sharp from 'sharp';
import { TEST_VECTORS, base64ToBytes } from '/work/main/packages/core/dist/test-vectors/index.js';
import { decodeImage } from '/work/main/packages/core/dist/decode/index.js';
import { preprocessToArray } from '/work/main/packages/core/dist/index.js';
const tiles = [];
for (const v of TEST_VECTORS) {
  const bytes = base64ToBytes(v.image);
  tiles.push(await sharp(bytes).flatten({background:'#fff'}).resize(128,128,{fit:'contain', background:'#888'}).png().toBuffer());
  const out = preprocessToArray(decodeImage(bytes), v.spec);
  const [h,w,c] = out.shape;
  const u8 = new Uint8Array(h*w*c);
  for (let i=0;i<u8.length;i++){ let x = out.data[i]; if (v.spec.normalize?.method==='caffe') x = (x+120); else x = x*255; u8[i]=Math.max(0,Math.min(255,Math.round(x)));}
  tiles.push(await sharp(u8,{raw:{width:w,height:h,channels:c}}).resize(128,128,{kernel:'nearest'}).png().toBuffer());
}
await sharp({create:{width:8*130,height:2*130,channels:3,background:'#444'}}).composite(tiles.map((t,i)=>({input:t,left:Math.floor(i/2)*130,top:(i%2)*130}))).png().toFile('/tmp/vec.png');
