// imgui.frag - ImGui's own draws: the vertex colour times the texture (font
// atlas or image). The #version and precision lines are prepended per target.
uniform sampler2D Texture;
in vec2 Frag_UV;
in vec4 Frag_Color;
out vec4 Out_Color;
void main() {
    Out_Color = Frag_Color * texture(Texture, Frag_UV);
}
