/**
 * Rouge 3.30.0's short token names (Rouge::Token::Tokens), the classes highlighted code may carry.
 */
export const ROUGE_TOKEN_CLASSES: readonly string[] = (
  'w esc err x k kc kd kn kp kr kt kv n na nb bp nc no nd ni ne nf fm py nl nn nx nt nv vc vg vi vm ' +
  'l ld s sa sb sc dl sd s2 se sh si sx sr s1 ss m mb mf mh mi il mo mx o ow p pi c ch cd cm cp cpf c1 cs ' +
  'g gd ge gr gh gi go gp gs gu gt gl'
).split(' ');
