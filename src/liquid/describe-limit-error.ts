/**
 * liquidjs stops a render that passes one of its limits with a terse assertion ("memory alloc limit
 * exceeded"); this says in plain words which limit, and which `tryck_limits:` key raises it.
 */
import type { BuildLimits } from '../config/build-limits.ts';

type LiquidLimits = Pick<BuildLimits, 'liquidRenderSeconds' | 'liquidMemory' | 'liquidOutputChars' | 'fileBytes'>;

export function describeLimitError(message: string, limits: LiquidLimits): { message: string; hint: string } | undefined {
  if (message.includes('template render limit exceeded')) {
    return {
      message: `Liquid rendered this page for more than ${limits.liquidRenderSeconds} s and was stopped (an endless or very long loop?).`,
      hint: 'Shorten the loop; if the page really needs longer, raise tryck_limits: liquid_render_seconds in _config.yml.',
    };
  }
  if (message.includes('memory alloc limit exceeded')) {
    return {
      message: `Liquid made more than ${limits.liquidMemory.toLocaleString('en-US')} items for this page (a range such as (1..300000000), or a huge string or array) and was stopped.`,
      hint: 'Use a smaller range; if the page really needs it, raise tryck_limits: liquid_memory in _config.yml.',
    };
  }
  if (message.includes('output size limit exceeded')) {
    return {
      message: `Liquid wrote more than ${limits.liquidOutputChars.toLocaleString('en-US')} characters for this page and was stopped.`,
      hint: 'If the page really is that large, raise tryck_limits: liquid_output_chars in _config.yml.',
    };
  }
  if (message.includes('parse length limit exceeded')) {
    return {
      message: `This template is longer than ${limits.fileBytes.toLocaleString('en-US')} characters.`,
      hint: 'If it really is that large, raise tryck_limits: file_bytes in _config.yml.',
    };
  }
  return undefined;
}
