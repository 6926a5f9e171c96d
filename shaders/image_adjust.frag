// image_adjust.frag - the lesion viewer's image adjustments, applied per pixel on
// the GPU: brightness (added), contrast (around mid-grey), gamma, and a channel
// view (0 rgb, 1 red, 2 green, 3 blue, 4 grey = Rec. 709 luma). The #version and
// precision lines are prepended per target.
uniform sampler2D Texture;
uniform float Brightness;
uniform float Contrast;
uniform float Gamma;
uniform int Channel;
in vec2 Frag_UV;
in vec4 Frag_Color;
out vec4 Out_Color;
void main() {
    vec4 c = texture(Texture, Frag_UV);
    vec3 rgb = c.rgb;
    if (Channel == 1) rgb = vec3(rgb.r);
    else if (Channel == 2) rgb = vec3(rgb.g);
    else if (Channel == 3) rgb = vec3(rgb.b);
    else if (Channel == 4) rgb = vec3(dot(rgb, vec3(0.2126, 0.7152, 0.0722)));
    rgb = (rgb - 0.5) * Contrast + 0.5 + Brightness;
    rgb = pow(clamp(rgb, 0.0, 1.0), vec3(1.0 / max(Gamma, 0.01)));
    Out_Color = vec4(rgb, c.a) * Frag_Color;
}
