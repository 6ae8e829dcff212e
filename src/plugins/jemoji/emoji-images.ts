/**
 * GitHub's emoji names and the image file each has, from the `gemoji` package (the same data as
 * the gemoji 4.1 gem jemoji reads): `+1` → `unicode/1f44d.png`.
 */
import { gemoji } from 'gemoji';

/** Each alias to its image file name, relative to the `emoji/` folder of the asset root. */
export function listEmojiImages(): Map<string, string> {
  const images = new Map<string, string>();
  for (const { emoji, names } of gemoji) {
    for (const name of names) images.set(name, imageFilename(emoji));
  }
  return images;
}

/** Emoji::Character#default_image_filename: the code points in hex, less joiners and VS16 after the first. */
function imageFilename(emoji: string): string {
  const hex = [...emoji].map((character) => character.codePointAt(0)!.toString(16).padStart(4, '0')).join('-');
  return `unicode/${hex.replace(/-(fe0f|200d)\b/g, '')}.png`;
}
