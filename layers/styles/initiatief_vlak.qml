<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis simplifyDrawingTol="1" labelsEnabled="0" simplifyLocal="1" simplifyDrawingHints="1" simplifyAlgorithm="0" simplifyMaxScale="1" symbologyReferenceScale="-1" minScale="100000000" version="3.22.16-Białowieża" styleCategories="LayerConfiguration|Symbology|Symbology3D|Labeling|Fields|Forms|Actions|MapTips|Diagrams|AttributeTable|Rendering|GeometryOptions|Temporal|Legend|Elevation|Notes" hasScaleBasedVisibilityFlag="0" maxScale="0" readOnly="0">
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal limitMode="0" startField="" durationField="" enabled="0" endExpression="" startExpression="" durationUnit="min" fixedDuration="0" accumulate="0" mode="0" endField="ingediend_op">
    <fixedRange>
      <start></start>
      <end></end>
    </fixedRange>
  </temporal>
  <renderer-v2 type="categorizedSymbol" referencescale="-1" enableorderby="0" attr="thema" forceraster="0" symbollevels="0">
    <categories>
      <category symbol="0" value="ontmoeten" render="true" label="Ontmoeten"/>
      <category symbol="1" value="veiligheid" render="true" label="Veiligheid"/>
      <category symbol="2" value="verkeer" render="true" label="Verkeer"/>
      <category symbol="3" value="openbare_ruimte" render="true" label="Openbare ruimte"/>
      <category symbol="4" value="zorgbehoefte" render="true" label="Zorgbehoefte"/>
    </categories>
    <symbols>
      <symbol type="fill" force_rhr="0" clip_to_extent="1" alpha="1" name="0">
        <data_defined_properties>
          <Option type="Map">
            <Option type="QString" name="name" value=""/>
            <Option type="Map" name="properties">
              <Option type="Map" name="alpha">
                <Option type="bool" name="active" value="true"/>
                <Option type="QString" name="expression" value="CASE WHEN &quot;status&quot; IN ('afgewezen', 'ingetrokken') THEN 35 ELSE 100 END"/>
                <Option type="int" name="type" value="3"/>
              </Option>
            </Option>
            <Option type="QString" name="type" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option type="QString" name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0"/>
            <Option type="QString" name="color" value="230,85,13,70"/>
            <Option type="QString" name="joinstyle" value="bevel"/>
            <Option type="QString" name="offset" value="0,0"/>
            <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0"/>
            <Option type="QString" name="offset_unit" value="MM"/>
            <Option type="QString" name="outline_color" value="230,85,13,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.8"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="style" value="b_diagonal"/>
          </Option>
          <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="color" v="230,85,13,70"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="offset" v="0,0"/>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="outline_color" v="230,85,13,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.8"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="style" v="b_diagonal"/>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option type="Map" name="properties">
                <Option type="Map" name="outlineColor">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="CASE WHEN &quot;status&quot; = 'initiatief_binnen' THEN '#9ecae1' WHEN &quot;status&quot; = 'check_intern' THEN '#6baed6' WHEN &quot;status&quot; = 'gesprek_wederkerigheid' THEN '#fdae6b' WHEN &quot;status&quot; = 'buurtdeal_gesloten' THEN '#74c476' WHEN &quot;status&quot; = 'uitvoering' THEN '#31a354' WHEN &quot;status&quot; = 'evaluatie' THEN '#006d2c' WHEN &quot;status&quot; = 'afgewezen' THEN '#969696' WHEN &quot;status&quot; = 'ingetrokken' THEN '#bdbdbd' ELSE '#ffffff' END"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="fill" force_rhr="0" clip_to_extent="1" alpha="1" name="1">
        <data_defined_properties>
          <Option type="Map">
            <Option type="QString" name="name" value=""/>
            <Option type="Map" name="properties">
              <Option type="Map" name="alpha">
                <Option type="bool" name="active" value="true"/>
                <Option type="QString" name="expression" value="CASE WHEN &quot;status&quot; IN ('afgewezen', 'ingetrokken') THEN 35 ELSE 100 END"/>
                <Option type="int" name="type" value="3"/>
              </Option>
            </Option>
            <Option type="QString" name="type" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option type="QString" name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0"/>
            <Option type="QString" name="color" value="117,107,177,70"/>
            <Option type="QString" name="joinstyle" value="bevel"/>
            <Option type="QString" name="offset" value="0,0"/>
            <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0"/>
            <Option type="QString" name="offset_unit" value="MM"/>
            <Option type="QString" name="outline_color" value="117,107,177,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.8"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="style" value="b_diagonal"/>
          </Option>
          <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="color" v="117,107,177,70"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="offset" v="0,0"/>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="outline_color" v="117,107,177,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.8"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="style" v="b_diagonal"/>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option type="Map" name="properties">
                <Option type="Map" name="outlineColor">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="CASE WHEN &quot;status&quot; = 'initiatief_binnen' THEN '#9ecae1' WHEN &quot;status&quot; = 'check_intern' THEN '#6baed6' WHEN &quot;status&quot; = 'gesprek_wederkerigheid' THEN '#fdae6b' WHEN &quot;status&quot; = 'buurtdeal_gesloten' THEN '#74c476' WHEN &quot;status&quot; = 'uitvoering' THEN '#31a354' WHEN &quot;status&quot; = 'evaluatie' THEN '#006d2c' WHEN &quot;status&quot; = 'afgewezen' THEN '#969696' WHEN &quot;status&quot; = 'ingetrokken' THEN '#bdbdbd' ELSE '#ffffff' END"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="fill" force_rhr="0" clip_to_extent="1" alpha="1" name="2">
        <data_defined_properties>
          <Option type="Map">
            <Option type="QString" name="name" value=""/>
            <Option type="Map" name="properties">
              <Option type="Map" name="alpha">
                <Option type="bool" name="active" value="true"/>
                <Option type="QString" name="expression" value="CASE WHEN &quot;status&quot; IN ('afgewezen', 'ingetrokken') THEN 35 ELSE 100 END"/>
                <Option type="int" name="type" value="3"/>
              </Option>
            </Option>
            <Option type="QString" name="type" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option type="QString" name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0"/>
            <Option type="QString" name="color" value="49,130,189,70"/>
            <Option type="QString" name="joinstyle" value="bevel"/>
            <Option type="QString" name="offset" value="0,0"/>
            <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0"/>
            <Option type="QString" name="offset_unit" value="MM"/>
            <Option type="QString" name="outline_color" value="49,130,189,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.8"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="style" value="b_diagonal"/>
          </Option>
          <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="color" v="49,130,189,70"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="offset" v="0,0"/>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="outline_color" v="49,130,189,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.8"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="style" v="b_diagonal"/>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option type="Map" name="properties">
                <Option type="Map" name="outlineColor">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="CASE WHEN &quot;status&quot; = 'initiatief_binnen' THEN '#9ecae1' WHEN &quot;status&quot; = 'check_intern' THEN '#6baed6' WHEN &quot;status&quot; = 'gesprek_wederkerigheid' THEN '#fdae6b' WHEN &quot;status&quot; = 'buurtdeal_gesloten' THEN '#74c476' WHEN &quot;status&quot; = 'uitvoering' THEN '#31a354' WHEN &quot;status&quot; = 'evaluatie' THEN '#006d2c' WHEN &quot;status&quot; = 'afgewezen' THEN '#969696' WHEN &quot;status&quot; = 'ingetrokken' THEN '#bdbdbd' ELSE '#ffffff' END"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="fill" force_rhr="0" clip_to_extent="1" alpha="1" name="3">
        <data_defined_properties>
          <Option type="Map">
            <Option type="QString" name="name" value=""/>
            <Option type="Map" name="properties">
              <Option type="Map" name="alpha">
                <Option type="bool" name="active" value="true"/>
                <Option type="QString" name="expression" value="CASE WHEN &quot;status&quot; IN ('afgewezen', 'ingetrokken') THEN 35 ELSE 100 END"/>
                <Option type="int" name="type" value="3"/>
              </Option>
            </Option>
            <Option type="QString" name="type" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option type="QString" name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0"/>
            <Option type="QString" name="color" value="49,163,84,70"/>
            <Option type="QString" name="joinstyle" value="bevel"/>
            <Option type="QString" name="offset" value="0,0"/>
            <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0"/>
            <Option type="QString" name="offset_unit" value="MM"/>
            <Option type="QString" name="outline_color" value="49,163,84,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.8"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="style" value="b_diagonal"/>
          </Option>
          <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="color" v="49,163,84,70"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="offset" v="0,0"/>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="outline_color" v="49,163,84,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.8"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="style" v="b_diagonal"/>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option type="Map" name="properties">
                <Option type="Map" name="outlineColor">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="CASE WHEN &quot;status&quot; = 'initiatief_binnen' THEN '#9ecae1' WHEN &quot;status&quot; = 'check_intern' THEN '#6baed6' WHEN &quot;status&quot; = 'gesprek_wederkerigheid' THEN '#fdae6b' WHEN &quot;status&quot; = 'buurtdeal_gesloten' THEN '#74c476' WHEN &quot;status&quot; = 'uitvoering' THEN '#31a354' WHEN &quot;status&quot; = 'evaluatie' THEN '#006d2c' WHEN &quot;status&quot; = 'afgewezen' THEN '#969696' WHEN &quot;status&quot; = 'ingetrokken' THEN '#bdbdbd' ELSE '#ffffff' END"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="fill" force_rhr="0" clip_to_extent="1" alpha="1" name="4">
        <data_defined_properties>
          <Option type="Map">
            <Option type="QString" name="name" value=""/>
            <Option type="Map" name="properties">
              <Option type="Map" name="alpha">
                <Option type="bool" name="active" value="true"/>
                <Option type="QString" name="expression" value="CASE WHEN &quot;status&quot; IN ('afgewezen', 'ingetrokken') THEN 35 ELSE 100 END"/>
                <Option type="int" name="type" value="3"/>
              </Option>
            </Option>
            <Option type="QString" name="type" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option type="QString" name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0"/>
            <Option type="QString" name="color" value="222,45,38,70"/>
            <Option type="QString" name="joinstyle" value="bevel"/>
            <Option type="QString" name="offset" value="0,0"/>
            <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0"/>
            <Option type="QString" name="offset_unit" value="MM"/>
            <Option type="QString" name="outline_color" value="222,45,38,255"/>
            <Option type="QString" name="outline_style" value="solid"/>
            <Option type="QString" name="outline_width" value="0.8"/>
            <Option type="QString" name="outline_width_unit" value="MM"/>
            <Option type="QString" name="style" value="b_diagonal"/>
          </Option>
          <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="color" v="222,45,38,70"/>
          <prop k="joinstyle" v="bevel"/>
          <prop k="offset" v="0,0"/>
          <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
          <prop k="offset_unit" v="MM"/>
          <prop k="outline_color" v="222,45,38,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.8"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="style" v="b_diagonal"/>
          <data_defined_properties>
            <Option type="Map">
              <Option type="QString" name="name" value=""/>
              <Option type="Map" name="properties">
                <Option type="Map" name="outlineColor">
                  <Option type="bool" name="active" value="true"/>
                  <Option type="QString" name="expression" value="CASE WHEN &quot;status&quot; = 'initiatief_binnen' THEN '#9ecae1' WHEN &quot;status&quot; = 'check_intern' THEN '#6baed6' WHEN &quot;status&quot; = 'gesprek_wederkerigheid' THEN '#fdae6b' WHEN &quot;status&quot; = 'buurtdeal_gesloten' THEN '#74c476' WHEN &quot;status&quot; = 'uitvoering' THEN '#31a354' WHEN &quot;status&quot; = 'evaluatie' THEN '#006d2c' WHEN &quot;status&quot; = 'afgewezen' THEN '#969696' WHEN &quot;status&quot; = 'ingetrokken' THEN '#bdbdbd' ELSE '#ffffff' END"/>
                  <Option type="int" name="type" value="3"/>
                </Option>
              </Option>
              <Option type="QString" name="type" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
    </symbols>
    <rotation/>
    <sizescale/>
  </renderer-v2>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>1</layerOpacity>
  <geometryOptions geometryPrecision="0" removeDuplicateNodes="0">
    <activeChecks type="StringList">
      <Option type="QString" value=""/>
    </activeChecks>
    <checkConfiguration/>
  </geometryOptions>
  <legend type="default-vector" showLabelLegend="0"/>
  <fieldConfiguration>
    <field name="id" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="titel" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="omschrijving" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="true"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="thema" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowMulti" value="false"/>
            <Option type="bool" name="AllowNull" value="false"/>
            <Option type="QString" name="BuurtkaartWaardelijst" value="vl_thema"/>
            <Option type="QString" name="FilterExpression" value=""/>
            <Option type="QString" name="Key" value="code"/>
            <Option type="QString" name="Layer" value=""/>
            <Option type="QString" name="LayerName" value=""/>
            <Option type="bool" name="OrderByValue" value="false"/>
            <Option type="bool" name="UseCompleter" value="false"/>
            <Option type="QString" name="Value" value="naam"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="status" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowMulti" value="false"/>
            <Option type="bool" name="AllowNull" value="false"/>
            <Option type="QString" name="BuurtkaartWaardelijst" value="vl_status"/>
            <Option type="QString" name="FilterExpression" value=""/>
            <Option type="QString" name="Key" value="code"/>
            <Option type="QString" name="Layer" value=""/>
            <Option type="QString" name="LayerName" value=""/>
            <Option type="bool" name="OrderByValue" value="false"/>
            <Option type="bool" name="UseCompleter" value="false"/>
            <Option type="QString" name="Value" value="naam"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="ingediend_op" configurationFlags="None">
      <editWidget type="DateTime">
        <config>
          <Option type="Map">
            <Option type="bool" name="allow_null" value="true"/>
            <Option type="bool" name="calendar_popup" value="true"/>
            <Option type="QString" name="display_format" value="yyyy-MM-dd"/>
            <Option type="QString" name="field_format" value="yyyy-MM-dd"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="indiener_naam" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="indiener_email" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="indiener_telefoon" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gepubliceerd" configurationFlags="None">
      <editWidget type="CheckBox">
        <config>
          <Option type="Map">
            <Option type="QString" name="CheckedState" value=""/>
            <Option type="int" name="TextDisplayMethod" value="0"/>
            <Option type="QString" name="UncheckedState" value=""/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="buurtcode" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="wijkcode" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gemeentecode" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="aangemaakt_door" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="aangemaakt_op" configurationFlags="None">
      <editWidget type="DateTime">
        <config>
          <Option type="Map">
            <Option type="bool" name="allow_null" value="true"/>
            <Option type="bool" name="calendar_popup" value="true"/>
            <Option type="QString" name="display_format" value="yyyy-MM-dd HH:mm"/>
            <Option type="QString" name="field_format" value="yyyy-MM-dd HH:mm"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gewijzigd_door" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gewijzigd_op" configurationFlags="None">
      <editWidget type="DateTime">
        <config>
          <Option type="Map">
            <Option type="bool" name="allow_null" value="true"/>
            <Option type="bool" name="calendar_popup" value="true"/>
            <Option type="QString" name="display_format" value="yyyy-MM-dd HH:mm"/>
            <Option type="QString" name="field_format" value="yyyy-MM-dd HH:mm"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="wijkagenda_id" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowMulti" value="false"/>
            <Option type="bool" name="AllowNull" value="true"/>
            <Option type="QString" name="BuurtkaartWaardelijst" value="wijkagenda"/>
            <Option type="QString" name="FilterExpression" value="&quot;wijkcode&quot; = current_value('wijkcode') OR (current_value('wijkcode') IS NULL AND intersects(@current_geometry, geometry(get_feature('Wijken', 'code', &quot;wijkcode&quot;))))"/>
            <Option type="QString" name="Key" value="id"/>
            <Option type="QString" name="Layer" value=""/>
            <Option type="QString" name="LayerName" value=""/>
            <Option type="bool" name="OrderByValue" value="true"/>
            <Option type="bool" name="UseCompleter" value="false"/>
            <Option type="QString" name="Value" value="prioriteit"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="planjaar" configurationFlags="None">
      <editWidget type="Range">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowNull" value="true"/>
            <Option type="int" name="Max" value="9999"/>
            <Option type="int" name="Min" value="1000"/>
            <Option type="int" name="Step" value="1"/>
            <Option type="QString" name="Style" value="SpinBox"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="begroting" configurationFlags="None">
      <editWidget type="Range">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowNull" value="false"/>
            <Option type="double" name="Max" value="1e+07"/>
            <Option type="double" name="Min" value="0"/>
            <Option type="int" name="Precision" value="2"/>
            <Option type="double" name="Step" value="100"/>
            <Option type="QString" name="Style" value="SpinBox"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="buiten_gemeente" configurationFlags="None">
      <editWidget type="CheckBox">
        <config>
          <Option type="Map">
            <Option type="QString" name="CheckedState" value=""/>
            <Option type="int" name="TextDisplayMethod" value="0"/>
            <Option type="QString" name="UncheckedState" value=""/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="oorsprong" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowMulti" value="false"/>
            <Option type="bool" name="AllowNull" value="false"/>
            <Option type="QString" name="BuurtkaartWaardelijst" value="vl_oorsprong"/>
            <Option type="QString" name="FilterExpression" value=""/>
            <Option type="QString" name="Key" value="code"/>
            <Option type="QString" name="Layer" value=""/>
            <Option type="QString" name="LayerName" value=""/>
            <Option type="bool" name="OrderByValue" value="false"/>
            <Option type="bool" name="UseCompleter" value="false"/>
            <Option type="QString" name="Value" value="naam"/>
          </Option>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
  <aliases>
    <alias name="Nummer" field="id" index="0"/>
    <alias name="Titel" field="titel" index="1"/>
    <alias name="Omschrijving" field="omschrijving" index="2"/>
    <alias name="Thema" field="thema" index="3"/>
    <alias name="Status" field="status" index="4"/>
    <alias name="Ingediend op" field="ingediend_op" index="5"/>
    <alias name="Naam indiener" field="indiener_naam" index="6"/>
    <alias name="E-mail indiener" field="indiener_email" index="7"/>
    <alias name="Telefoon indiener" field="indiener_telefoon" index="8"/>
    <alias name="Publiceren op de virtuele stad" field="gepubliceerd" index="9"/>
    <alias name="Buurt (afgeleid)" field="buurtcode" index="10"/>
    <alias name="Wijk (afgeleid)" field="wijkcode" index="11"/>
    <alias name="Gemeente (afgeleid)" field="gemeentecode" index="12"/>
    <alias name="Aangemaakt door" field="aangemaakt_door" index="13"/>
    <alias name="Aangemaakt op" field="aangemaakt_op" index="14"/>
    <alias name="Gewijzigd door" field="gewijzigd_door" index="15"/>
    <alias name="Gewijzigd op" field="gewijzigd_op" index="16"/>
    <alias name="Prioriteit uit de wijkagenda (leeg = spontaan)" field="wijkagenda_id" index="17"/>
    <alias name="Gepland voor jaar" field="planjaar" index="18"/>
    <alias name="Begroting (EUR)" field="begroting" index="19"/>
    <alias name="Buiten de gemeente (na grenzenimport)" field="buiten_gemeente" index="20"/>
    <alias name="Oorsprong (gemeente of website)" field="oorsprong" index="21"/>
  </aliases>
  <defaults>
    <default expression="" field="id" applyOnUpdate="0"/>
    <default expression="" field="titel" applyOnUpdate="0"/>
    <default expression="" field="omschrijving" applyOnUpdate="0"/>
    <default expression="" field="thema" applyOnUpdate="0"/>
    <default expression="" field="status" applyOnUpdate="0"/>
    <default expression="" field="ingediend_op" applyOnUpdate="0"/>
    <default expression="" field="indiener_naam" applyOnUpdate="0"/>
    <default expression="" field="indiener_email" applyOnUpdate="0"/>
    <default expression="" field="indiener_telefoon" applyOnUpdate="0"/>
    <default expression="" field="gepubliceerd" applyOnUpdate="0"/>
    <default expression="" field="buurtcode" applyOnUpdate="0"/>
    <default expression="" field="wijkcode" applyOnUpdate="0"/>
    <default expression="" field="gemeentecode" applyOnUpdate="0"/>
    <default expression="" field="aangemaakt_door" applyOnUpdate="0"/>
    <default expression="" field="aangemaakt_op" applyOnUpdate="0"/>
    <default expression="" field="gewijzigd_door" applyOnUpdate="0"/>
    <default expression="" field="gewijzigd_op" applyOnUpdate="0"/>
    <default expression="" field="wijkagenda_id" applyOnUpdate="0"/>
    <default expression="" field="planjaar" applyOnUpdate="0"/>
    <default expression="" field="begroting" applyOnUpdate="0"/>
    <default expression="" field="buiten_gemeente" applyOnUpdate="0"/>
    <default expression="" field="oorsprong" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint unique_strength="1" exp_strength="0" field="id" notnull_strength="1" constraints="3"/>
    <constraint unique_strength="0" exp_strength="1" field="titel" notnull_strength="1" constraints="5"/>
    <constraint unique_strength="0" exp_strength="1" field="omschrijving" notnull_strength="0" constraints="4"/>
    <constraint unique_strength="0" exp_strength="0" field="thema" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="status" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="ingediend_op" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="indiener_naam" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="indiener_email" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="indiener_telefoon" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="gepubliceerd" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="buurtcode" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="wijkcode" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="gemeentecode" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="aangemaakt_door" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="aangemaakt_op" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="gewijzigd_door" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="gewijzigd_op" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="wijkagenda_id" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="1" field="planjaar" notnull_strength="0" constraints="4"/>
    <constraint unique_strength="0" exp_strength="0" field="begroting" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="buiten_gemeente" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="oorsprong" notnull_strength="1" constraints="1"/>
  </constraints>
  <constraintExpressions>
    <constraint desc="" field="id" exp=""/>
    <constraint desc="Geef een titel." field="titel" exp="length(trim(&quot;titel&quot;)) > 0"/>
    <constraint desc="Beschrijf de afspraak." field="omschrijving" exp="true"/>
    <constraint desc="" field="thema" exp=""/>
    <constraint desc="" field="status" exp=""/>
    <constraint desc="" field="ingediend_op" exp=""/>
    <constraint desc="" field="indiener_naam" exp=""/>
    <constraint desc="" field="indiener_email" exp=""/>
    <constraint desc="" field="indiener_telefoon" exp=""/>
    <constraint desc="" field="gepubliceerd" exp=""/>
    <constraint desc="" field="buurtcode" exp=""/>
    <constraint desc="" field="wijkcode" exp=""/>
    <constraint desc="" field="gemeentecode" exp=""/>
    <constraint desc="" field="aangemaakt_door" exp=""/>
    <constraint desc="" field="aangemaakt_op" exp=""/>
    <constraint desc="" field="gewijzigd_door" exp=""/>
    <constraint desc="" field="gewijzigd_op" exp=""/>
    <constraint desc="" field="wijkagenda_id" exp=""/>
    <constraint desc="Het jaar ligt tussen 2000 en 2100." field="planjaar" exp="&quot;planjaar&quot; IS NULL OR (&quot;planjaar&quot; >= 2000 AND &quot;planjaar&quot; &lt;= 2100)"/>
    <constraint desc="" field="begroting" exp=""/>
    <constraint desc="" field="buiten_gemeente" exp=""/>
    <constraint desc="" field="oorsprong" exp=""/>
  </constraintExpressions>
  <expressionfields/>
  <attributeactions/>
  <attributetableconfig sortOrder="0" sortExpression="" actionWidgetStyle="dropDown">
    <columns/>
  </attributetableconfig>
  <conditionalstyles>
    <rowstyles/>
    <fieldstyles/>
  </conditionalstyles>
  <storedexpressions/>
  <editform tolerant="1"></editform>
  <editforminit/>
  <editforminitcodesource>0</editforminitcodesource>
  <editforminitfilepath></editforminitfilepath>
  <editforminitcode><![CDATA[]]></editforminitcode>
  <featformsuppress>0</featformsuppress>
  <editorlayout>tablayout</editorlayout>
  <attributeEditorForm>
    <attributeEditorContainer groupBox="0" visibilityExpressionEnabled="0" name="Initiatief" visibilityExpression="" showLabel="1" columnCount="1">
      <attributeEditorField name="id" showLabel="1" index="0"/>
      <attributeEditorField name="titel" showLabel="1" index="1"/>
      <attributeEditorField name="omschrijving" showLabel="1" index="2"/>
      <attributeEditorField name="thema" showLabel="1" index="3"/>
      <attributeEditorField name="status" showLabel="1" index="4"/>
      <attributeEditorField name="ingediend_op" showLabel="1" index="5"/>
      <attributeEditorField name="gepubliceerd" showLabel="1" index="9"/>
      <attributeEditorField name="wijkagenda_id" showLabel="1" index="17"/>
      <attributeEditorField name="planjaar" showLabel="1" index="18"/>
      <attributeEditorField name="begroting" showLabel="1" index="19"/>
      <attributeEditorField name="oorsprong" showLabel="1" index="21"/>
    </attributeEditorContainer>
    <attributeEditorContainer groupBox="0" visibilityExpressionEnabled="0" name="Indiener (privé, nooit openbaar)" visibilityExpression="" showLabel="1" columnCount="1">
      <attributeEditorField name="indiener_naam" showLabel="1" index="6"/>
      <attributeEditorField name="indiener_email" showLabel="1" index="7"/>
      <attributeEditorField name="indiener_telefoon" showLabel="1" index="8"/>
    </attributeEditorContainer>
    <attributeEditorContainer groupBox="0" visibilityExpressionEnabled="0" name="Afgeleid (door de database)" visibilityExpression="" showLabel="1" columnCount="1">
      <attributeEditorField name="buurtcode" showLabel="1" index="10"/>
      <attributeEditorField name="wijkcode" showLabel="1" index="11"/>
      <attributeEditorField name="gemeentecode" showLabel="1" index="12"/>
      <attributeEditorField name="aangemaakt_door" showLabel="1" index="13"/>
      <attributeEditorField name="aangemaakt_op" showLabel="1" index="14"/>
      <attributeEditorField name="gewijzigd_door" showLabel="1" index="15"/>
      <attributeEditorField name="gewijzigd_op" showLabel="1" index="16"/>
      <attributeEditorField name="buiten_gemeente" showLabel="1" index="20"/>
    </attributeEditorContainer>
  </attributeEditorForm>
  <editable>
    <field editable="0" name="aangemaakt_door"/>
    <field editable="0" name="aangemaakt_op"/>
    <field editable="0" name="buiten_gemeente"/>
    <field editable="0" name="buurtcode"/>
    <field editable="0" name="gemeentecode"/>
    <field editable="0" name="gewijzigd_door"/>
    <field editable="0" name="gewijzigd_op"/>
    <field editable="0" name="id"/>
    <field editable="0" name="wijkcode"/>
  </editable>
  <labelOnTop/>
  <reuseLastValue/>
  <dataDefinedFieldProperties/>
  <widgets/>
  <previewExpression></previewExpression>
  <mapTip></mapTip>
  <layerGeometryType>2</layerGeometryType>
</qgis>
